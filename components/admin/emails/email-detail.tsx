import Link from 'next/link';
import type { ReactNode } from 'react';
import { LocalTime } from '@/components/ui/local-time';
import type { EmailDetail } from '@/lib/email/admin-reads';
import { EMAIL_KIND_LABELS } from './email-labels';
import { EmailStatusBadge } from './email-status-badge';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="shrink-0 text-stone-600 sm:w-56">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

const when = (date: Date | null, otherwise: string) => (date ? <LocalTime iso={date.toISOString()} /> : otherwise);

/**
 * One email as it was (or will be) sent. The HTML is shown in an iframe sandboxed without
 * allow-scripts or allow-same-origin: whatever the message holds runs no script and cannot reach
 * the admin's page or its cookies.
 */
export function EmailDetailView({ email, devMailboxTransport }: { email: EmailDetail; devMailboxTransport: boolean }) {
  const headers = Object.entries(email.headers ?? {});
  return (
    <div className="flex flex-col gap-8">
      <dl className="flex max-w-3xl flex-col gap-2 text-sm">
        <Fact term="To">
          <span className="break-all">{email.toAddress}</span>
        </Fact>
        <Fact term="Kind">{EMAIL_KIND_LABELS[email.kind]}</Fact>
        <Fact term="Status">
          <EmailStatusBadge status={email.status} />
        </Fact>
        <Fact term="Attempts">{email.attempts}</Fact>
        {email.orderNumber !== null && (
          <Fact term="Order">
            <Link href={`/admin/orders/${email.orderNumber}`} className="text-brand-700 hover:underline">
              Order {email.orderNumber}
            </Link>
          </Fact>
        )}
        <Fact term="Message-ID">
          <span className="font-mono text-xs break-all">{email.messageId}</span>
        </Fact>
        <Fact term="Created">{when(email.createdAt, '—')}</Fact>
        <Fact term="Sent">{when(email.sentAt, 'Not sent')}</Fact>
        <Fact term="Last attempt">{when(email.lastAttemptAt, 'None yet')}</Fact>
        <Fact term="Last error">{email.lastError ? <span className="font-mono text-xs break-all">{email.lastError}</span> : 'None'}</Fact>
        {email.devMailbox ? (
          <>
            <Fact term="Delivered to the dev mailbox">{when(email.devMailbox.receivedAt, '—')}</Fact>
            <Fact term="Deliveries">
              {email.devMailbox.deliveries}
              {email.devMailbox.deliveries > 1 && <span className="text-stone-600"> (handed over again after a retry; stored once)</span>}
            </Fact>
          </>
        ) : (
          devMailboxTransport && <Fact term="Delivered to the dev mailbox">Not yet</Fact>
        )}
      </dl>

      <section aria-labelledby="email-html-heading" className="flex flex-col gap-3">
        <h2 id="email-html-heading" className="text-lg font-semibold">
          HTML
        </h2>
        {email.html === null ? (
          <p className="text-sm text-stone-700">Not rendered yet: the worker renders a message just before its first attempt.</p>
        ) : (
          <iframe
            sandbox=""
            srcDoc={email.html}
            title="Email HTML"
            referrerPolicy="no-referrer"
            className="h-[44rem] w-full max-w-3xl rounded-xl border border-stone-300 bg-white"
          />
        )}
      </section>

      <section aria-labelledby="email-text-heading" className="flex flex-col gap-3">
        <h2 id="email-text-heading" className="text-lg font-semibold">
          Plain text
        </h2>
        {email.text === null ? (
          <p className="text-sm text-stone-700">Not rendered yet.</p>
        ) : (
          <pre className="max-w-3xl overflow-x-auto rounded-xl border border-stone-300 bg-stone-50 p-4 text-sm whitespace-pre-wrap break-words">
            {email.text}
          </pre>
        )}
      </section>

      {headers.length > 0 && (
        <section aria-labelledby="email-headers-heading" className="flex flex-col gap-3">
          <h2 id="email-headers-heading" className="text-lg font-semibold">
            Headers
          </h2>
          <dl className="flex max-w-3xl flex-col gap-2 text-sm">
            {headers.map(([name, value]) => (
              <Fact key={name} term={name}>
                <span className="font-mono text-xs break-all">{value}</span>
              </Fact>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}
