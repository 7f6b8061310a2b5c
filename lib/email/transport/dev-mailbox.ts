import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { devMailboxMessages } from '@/db/schema';
import type { EmailTransport, TransportMessage } from './types';

/**
 * The transport when SMTP_URL is not set: messages are stored in PostgreSQL and read at
 * /admin/emails. It accepts a message by committing its row on its own connection, like a mail
 * server would, independently of the worker's bookkeeping; a Message-ID it already holds is not
 * stored again (a retry after a crash between acceptance and the outbox's mark), only counted.
 */
export function devMailboxTransport(database: Database): EmailTransport {
  return {
    kind: 'dev-mailbox',
    async send(message: TransportMessage) {
      await database
        .insert(devMailboxMessages)
        .values({
          messageId: message.messageId,
          fromAddress: message.from,
          toAddress: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          headers: message.headers,
        })
        .onConflictDoUpdate({
          target: devMailboxMessages.messageId,
          set: { deliveries: sql`${devMailboxMessages.deliveries} + 1`, lastDeliveredAt: sql`now()` },
        });
    },
    async close() {},
  };
}
