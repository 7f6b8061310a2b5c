import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { outboxMessages } from '@/db/schema';
import { STORE_NAME } from '@/lib/site';
import { messageIdDomain } from './config';
import { subjectOf, type EmailMessage } from './messages';

/** The channel workers LISTEN on: a NOTIFY is delivered when (and only if) the writing transaction commits. */
export const OUTBOX_CHANNEL = 'inbound_outbox';

export type OutgoingEmail = EmailMessage & {
  to: string;
  orderId?: string | null;
  backInStockSignupId?: string | null;
};

/**
 * Writes emails into the outbox. Call it inside the transaction of the change the emails are about:
 * they are sent if and only if that transaction commits. The worker (lib/email/worker) delivers them.
 */
export async function enqueueEmails(tx: Executor, emails: OutgoingEmail[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const domain = messageIdDomain();
  const rows = await tx
    .insert(outboxMessages)
    .values(
      emails.map((e) => {
        const id = randomUUID();
        return {
          id,
          kind: e.kind,
          toAddress: e.to,
          subject: subjectOf(e, STORE_NAME),
          payload: e.payload as unknown as Record<string, unknown>,
          messageId: `<${id}@${domain}>`,
          orderId: e.orderId ?? null,
          backInStockSignupId: e.backInStockSignupId ?? null,
        };
      }),
    )
    .returning({ id: outboxMessages.id });
  await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  return rows.map((r) => r.id);
}
