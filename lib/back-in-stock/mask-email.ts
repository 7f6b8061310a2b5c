/**
 * An address as the unsubscribe page shows it to whoever holds the link: enough for its owner to
 * recognise ("j•••@example.com"), not enough for someone else to learn it. Pure.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${Array.from(email.slice(0, at))[0]}•••${email.slice(at)}`;
}
