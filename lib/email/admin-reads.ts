import 'server-only';
import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { devMailboxMessages, EMAIL_KINDS, EMAIL_STATUSES, orders, outboxMessages, type EmailKind, type EmailStatus } from '@/db/schema';
import { MAX_EMAIL_LENGTH } from '@/lib/forms/inputs';
import { containsPattern } from '@/lib/forms/like-pattern';

export const EMAILS_PAGE_SIZE = 50;
/** Far past any real outbox; a bigger page number is treated as junk rather than sent to the database as an offset. */
const MAX_PAGE = 100_000;

export interface EmailFilters {
  /** 1-based. */
  page: number;
  /** Part of the recipient's address, any case. */
  to?: string;
  kind?: EmailKind;
  status?: EmailStatus;
}

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const filtersSchema = z.object({
  page: z.preprocess(single, z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1),
  to: z
    .preprocess(
      single,
      z
        .string()
        .trim()
        .transform((s) => s.slice(0, MAX_EMAIL_LENGTH))
        .optional(),
    )
    .catch(undefined),
  kind: z.preprocess(single, z.enum(EMAIL_KINDS).optional()).catch(undefined),
  status: z.preprocess(single, z.enum(EMAIL_STATUSES).optional()).catch(undefined),
});

/**
 * The list's filters from the page's query string. Anything unusable (a junk page number, an unknown
 * kind, a repeated parameter) falls back to "no filter" rather than an error: it is a search form.
 */
export function parseEmailFilters(searchParams: Record<string, string | string[] | undefined>): EmailFilters {
  const parsed = filtersSchema.parse(searchParams);
  return { page: parsed.page, to: parsed.to || undefined, kind: parsed.kind, status: parsed.status };
}

export interface EmailListRow {
  id: string;
  toAddress: string;
  subject: string;
  kind: EmailKind;
  status: EmailStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  orderNumber: number | null;
}

export interface EmailList {
  rows: EmailListRow[];
  page: number;
  pageSize: number;
  /** Messages matching the filters, on every page. */
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

function whereOf(filters: Omit<EmailFilters, 'page'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.to) conditions.push(ilike(outboxMessages.toAddress, containsPattern(filters.to)));
  if (filters.kind) conditions.push(eq(outboxMessages.kind, filters.kind));
  if (filters.status) conditions.push(eq(outboxMessages.status, filters.status));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

const listColumns = {
  id: outboxMessages.id,
  toAddress: outboxMessages.toAddress,
  subject: outboxMessages.subject,
  kind: outboxMessages.kind,
  status: outboxMessages.status,
  attempts: outboxMessages.attempts,
  createdAt: outboxMessages.createdAt,
  sentAt: outboxMessages.sentAt,
  orderNumber: orders.number,
};

/** Every email the store has written, newest first, a page at a time. */
export async function listEmails(filters: EmailFilters, database: Database = appDb): Promise<EmailList> {
  const page = Number.isInteger(filters.page) && filters.page >= 1 ? Math.min(filters.page, MAX_PAGE) : 1;
  const where = whereOf(filters);
  const [rows, [counted]] = await Promise.all([
    database
      .select(listColumns)
      .from(outboxMessages)
      .leftJoin(orders, eq(orders.id, outboxMessages.orderId))
      .where(where)
      // seq breaks ties between rows written at the same instant, in the order they were written.
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.seq))
      .limit(EMAILS_PAGE_SIZE)
      .offset((page - 1) * EMAILS_PAGE_SIZE),
    database.select({ total: count() }).from(outboxMessages).where(where),
  ]);
  const total = counted?.total ?? 0;
  return { rows, page, pageSize: EMAILS_PAGE_SIZE, total, hasPrevious: page > 1, hasNext: page * EMAILS_PAGE_SIZE < total };
}

export interface EmailDetail extends EmailListRow {
  messageId: string;
  /** Null until the worker renders it, just before the first attempt. */
  html: string | null;
  text: string | null;
  headers: Record<string, string> | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  /** The dev mailbox's copy, when the dev transport delivered it: first delivery and hand-overs (a retry after a crash repeats one). */
  devMailbox: { receivedAt: Date; deliveries: number } | null;
}

/** One email as the admin shows it; null for an id that is malformed or unknown. */
export async function emailDetail(id: string, database: Database = appDb): Promise<EmailDetail | null> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return null;
  const [row] = await database
    .select({
      ...listColumns,
      messageId: outboxMessages.messageId,
      html: outboxMessages.html,
      text: outboxMessages.text,
      headers: outboxMessages.headers,
      lastError: outboxMessages.lastError,
      lastAttemptAt: outboxMessages.lastAttemptAt,
      mailboxReceivedAt: devMailboxMessages.receivedAt,
      mailboxDeliveries: devMailboxMessages.deliveries,
    })
    .from(outboxMessages)
    .leftJoin(orders, eq(orders.id, outboxMessages.orderId))
    .leftJoin(devMailboxMessages, eq(devMailboxMessages.messageId, outboxMessages.messageId))
    .where(eq(outboxMessages.id, parsed.data));
  if (!row) return null;
  const { mailboxReceivedAt, mailboxDeliveries, ...email } = row;
  return {
    ...email,
    devMailbox: mailboxReceivedAt && mailboxDeliveries !== null ? { receivedAt: mailboxReceivedAt, deliveries: mailboxDeliveries } : null,
  };
}
