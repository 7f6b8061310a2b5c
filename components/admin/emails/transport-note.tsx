import { EmailConfigError, transportConfig } from '@/lib/email/config';

/** Which transport the worker uses, so staff know whether what they read here also reached anyone. */
export function TransportNote() {
  let kind: 'smtp' | 'dev-mailbox';
  try {
    kind = transportConfig().kind;
  } catch (err) {
    if (!(err instanceof EmailConfigError)) throw err;
    return (
      <p role="alert" className="max-w-2xl rounded-lg border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900">
        Email is not configured: {err.message}
      </p>
    );
  }
  return (
    <p className="max-w-2xl text-sm text-stone-700">
      {kind === 'dev-mailbox'
        ? 'Dev mailbox: emails are stored here and not sent. Set SMTP_URL to send them.'
        : 'Sent over SMTP: the worker hands each message to the SMTP server, retrying with backoff when it is refused.'}
    </p>
  );
}
