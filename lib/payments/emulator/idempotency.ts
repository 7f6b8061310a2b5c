import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { stripeEmulatorIdempotencyKeys } from '@/db/schema';
import { EmulatorApiError, invalidRequest, type EmulatorResult } from './errors';
import type { FormValue } from './form';
import type { Tx } from './store';

function canonical(value: FormValue | undefined): unknown {
  if (value === undefined || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical(value[k])]),
  );
}

export function requestHash(method: string, path: string, params: FormValue): string {
  return createHash('sha256')
    .update(JSON.stringify([method, path, canonical(params)]))
    .digest('hex');
}

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** What the table keeps of the API key: enough to tell keys apart, never the key itself. */
export function apiKeyFingerprint(apiKey: string): string {
  return createHash('sha256').update(`inbound-emulator-api-key:${apiKey}`).digest('hex');
}

export interface IdempotentRequest {
  /** The API key the request was made with: keys are scoped to it, as at Stripe. */
  apiKey: string;
  key: string;
  method: string;
  path: string;
  params: FormValue;
}

/**
 * Runs a POST once per (API key, idempotency key), inside the request's transaction.
 *
 * The key row is inserted first. A second request with the same keys, arriving while the first
 * is still running, blocks on the primary key until the first commits, then finds the row and
 * replays the stored response: one effect, whatever the retries or their timing. Another API key
 * with the same Idempotency-Key is a request of its own (Stripe scopes keys to the API key), so
 * a stored response is never handed to a caller who did not make the request. If the first
 * request failed validation its transaction rolled back, the key is free again, and the retry
 * runs: as with Stripe, only requests that started executing keep a result.
 */
export async function runIdempotent(tx: Tx, request: IdempotentRequest, run: () => Promise<EmulatorResult>): Promise<EmulatorResult & { replayed: boolean }> {
  const { key, method, path } = request;
  const hash = requestHash(method, path, request.params);
  const apiKeyHash = apiKeyFingerprint(request.apiKey);
  const thisKey = and(eq(stripeEmulatorIdempotencyKeys.apiKeyHash, apiKeyHash), eq(stripeEmulatorIdempotencyKeys.key, key));
  const inserted = await tx
    .insert(stripeEmulatorIdempotencyKeys)
    .values({ apiKeyHash, key, requestHash: hash, method, path })
    .onConflictDoNothing()
    .returning({ key: stripeEmulatorIdempotencyKeys.key });
  if (inserted.length === 0) {
    const [row] = await tx.select().from(stripeEmulatorIdempotencyKeys).where(thisKey);
    if (!row || row.requestHash !== hash) {
      throw new EmulatorApiError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
    }
    if (row.responseStatus === null || row.responseBody === null) {
      // Cannot happen: the row and its response are committed together.
      throw invalidRequest('There is currently another in-progress request using this Idempotency Key.', { code: 'idempotency_key_in_use' });
    }
    return { status: row.responseStatus, body: row.responseBody, replayed: true };
  }
  const result = await run();
  await tx.update(stripeEmulatorIdempotencyKeys).set({ responseStatus: result.status, responseBody: result.body }).where(thisKey);
  return { ...result, replayed: false };
}
