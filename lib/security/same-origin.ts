/**
 * Whether a request comes from this site's own pages, as Next.js checks server actions (which
 * route handlers lack): its Origin names this host. Browsers send Origin on every POST fetch and
 * form; one without it counts only when the browser says it is same-origin (Sec-Fetch-Site), so a
 * request that hides where it came from is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') === 'same-origin';
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
