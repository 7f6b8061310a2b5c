import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { backInStockSignups, outboxMessages } from '@/db/schema';
import type { StoreIdentity } from '../config';
import type { EmailMessage } from '../messages';
import { renderEmail } from '../render';
import type { EmailTransport } from '../transport';

export interface DeliveryContext {
  database: Database;
  transport: EmailTransport;
  identity: StoreIdentity;
  from: string;
  /** Fault injection for the crash tests: wait this long after the transport accepted, before the mark. */
  pauseAfterAcceptMs?: number;
  log?: (line: string) => void;
}

export type DeliveryOutcome = 'sent' | 'already-done' | 'cancelled' | 'busy' | 'missing';

/** Keeps a stored error short and free of line breaks. */
function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\s+/g, ' ').slice(0, 500);
}

/**
 * Delivers one outbox message, at most one attempt at a time across every worker: a transaction
 * holds an advisory lock on the message for the attempt (a second worker given the same message
 * skips it; a killed worker's lock goes with its connection). The row is marked sent only after the
 * transport accepted the message; a crash in between leaves it pending, and the retry sends the same
 * rendering with the same Message-ID. Attempts and errors are written on their own, so they survive
 * a failed attempt. `finalAttempt` marks the message failed if this attempt fails too.
 */
export async function deliverOutboxMessage(id: string, finalAttempt: boolean, ctx: DeliveryContext): Promise<DeliveryOutcome> {
  const { database, transport } = ctx;
  return database.transaction(async (tx): Promise<DeliveryOutcome> => {
    const [lock] = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtextextended(${`outbox:${id}`}, 0)) as locked`);
    if (!lock?.locked) return 'busy';
    const [row] = await tx
      .select({
        kind: outboxMessages.kind,
        toAddress: outboxMessages.toAddress,
        payload: outboxMessages.payload,
        messageId: outboxMessages.messageId,
        subject: outboxMessages.subject,
        html: outboxMessages.html,
        text: outboxMessages.text,
        headers: outboxMessages.headers,
        status: outboxMessages.status,
        signupId: outboxMessages.backInStockSignupId,
      })
      .from(outboxMessages)
      .where(eq(outboxMessages.id, id));
    if (!row) return 'missing';
    if (row.status !== 'pending') return 'already-done';

    if (row.kind === 'back_in_stock' && row.signupId) {
      const [signup] = await tx
        .select({ unsubscribedAt: backInStockSignups.unsubscribedAt })
        .from(backInStockSignups)
        .where(eq(backInStockSignups.id, row.signupId));
      if (signup?.unsubscribedAt) {
        await tx.update(outboxMessages).set({ status: 'cancelled', lastError: 'Unsubscribed before it was sent.' }).where(eq(outboxMessages.id, id));
        return 'cancelled';
      }
    }

    let rendered = row.html !== null && row.text !== null ? { html: row.html, text: row.text, headers: row.headers ?? {} } : null;
    try {
      if (!rendered) {
        const r = await renderEmail({ kind: row.kind, payload: row.payload } as unknown as EmailMessage, ctx.identity);
        rendered = { html: r.html, text: r.text, headers: r.headers };
        // Stored before the first attempt: every retry sends exactly this.
        await database.update(outboxMessages).set(rendered).where(eq(outboxMessages.id, id));
      }
      await database
        .update(outboxMessages)
        .set({ attempts: sql`${outboxMessages.attempts} + 1`, lastAttemptAt: sql`now()` })
        .where(eq(outboxMessages.id, id));
      await transport.send({
        messageId: row.messageId,
        from: ctx.from,
        to: row.toAddress,
        subject: row.subject,
        html: rendered.html,
        text: rendered.text,
        headers: rendered.headers,
      });
    } catch (err) {
      await database
        .update(outboxMessages)
        .set({ lastError: errorText(err), ...(finalAttempt ? { status: 'failed' as const } : {}) })
        .where(eq(outboxMessages.id, id));
      throw err;
    }
    if (ctx.pauseAfterAcceptMs) {
      ctx.log?.(`email-worker: accepted ${id}; pausing ${ctx.pauseAfterAcceptMs} ms before marking it sent`);
      await new Promise((r) => setTimeout(r, ctx.pauseAfterAcceptMs));
    }
    await tx
      .update(outboxMessages)
      .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
      .where(eq(outboxMessages.id, id));
    return 'sent';
  });
}
