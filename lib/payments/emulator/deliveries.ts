import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { db as appDb, type Database } from '@/db/client';
import { stripeEmulatorEvents, stripeEmulatorWebhookDeliveries } from '@/db/schema';
import { resolvePaymentsConfig, type EmulatorConfig, type Env, type WebhookChaos } from '../config';

export const WEBHOOK_PATH = '/api/webhooks/stripe';
/** After this many failed attempts a delivery is given up ('failed'); Stripe tries for 3 days. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const LEASE_MS = 60_000;
const SEND_TIMEOUT_MS = 10_000;

/** Wait before attempt n+1 after n failures: 5 s, 10 s, 20 s, ... at most an hour. */
export function deliveryBackoffMs(failedAttempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}

export type SendWebhook = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<Response>;

export interface DeliverOptions {
  database?: Database;
  env?: Env;
  /** How to POST; the global fetch by default. Tests pass one that calls the route in-process. */
  send?: SendWebhook;
  now?: () => Date;
  limit?: number;
  /** Overrides STRIPE_EMULATOR_WEBHOOK_CHAOS for this run. */
  chaos?: WebhookChaos | null;
}

export interface DeliveryReport {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
  /** Event ids in the order they were sent (twice each under 'duplicate'). */
  sent: string[];
}

function emulatorConfig(env: Env): EmulatorConfig {
  const config = resolvePaymentsConfig(env);
  if (config.mode !== 'emulator') throw new Error('Webhook delivery belongs to the Stripe emulator, which is off in Stripe mode.');
  return config;
}

const defaultSend: SendWebhook = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });

/**
 * Sends due webhook deliveries to APP_URL/api/webhooks/stripe, signed like Stripe's, and
 * schedules a retry with backoff for each one that does not get a 2xx. Rows are leased before
 * sending, so several app processes running this at once do not send one delivery together.
 */
export async function deliverPendingWebhooks(options: DeliverOptions = {}): Promise<DeliveryReport> {
  const database = options.database ?? appDb;
  const config = emulatorConfig(options.env ?? process.env);
  const send = options.send ?? defaultSend;
  const now = options.now ?? (() => new Date());
  const chaos = options.chaos === undefined ? config.webhookChaos : options.chaos;
  const url = new URL(WEBHOOK_PATH, config.appUrl).toString();

  const startedAt = now();
  const claimed = await database
    .update(stripeEmulatorWebhookDeliveries)
    .set({ lockedUntil: new Date(startedAt.getTime() + LEASE_MS) })
    .where(
      inArray(
        stripeEmulatorWebhookDeliveries.id,
        sql`(select id from ${stripeEmulatorWebhookDeliveries}
              where status = 'pending' and next_attempt_at <= ${startedAt.toISOString()}
                and (locked_until is null or locked_until < ${startedAt.toISOString()})
              order by id limit ${options.limit ?? 100} for update skip locked)`,
      ),
    )
    .returning({
      id: stripeEmulatorWebhookDeliveries.id,
      eventId: stripeEmulatorWebhookDeliveries.eventId,
      attempts: stripeEmulatorWebhookDeliveries.attempts,
    });
  claimed.sort((a, b) => a.id - b.id);
  if (chaos === 'reverse') claimed.reverse();

  const report: DeliveryReport = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0, sent: [] };
  for (const delivery of claimed) {
    const [event] = await database.select({ body: stripeEmulatorEvents.body }).from(stripeEmulatorEvents).where(eq(stripeEmulatorEvents.id, delivery.eventId));
    const payload = JSON.stringify(event!.body);
    let ok = false;
    let statusCode: number | null = null;
    let error: string | null = null;
    for (let copy = 0; copy < (chaos === 'duplicate' ? 2 : 1); copy++) {
      try {
        // Signed at send time with the real clock, like each of Stripe's attempts.
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: config.webhookSecret });
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (inbound-emulator)' },
          body: payload,
        });
        statusCode = response.status;
        ok = response.ok;
        error = ok ? null : (await response.text().catch(() => '')).slice(0, 500) || `HTTP ${response.status}`;
        await response.body?.cancel().catch(() => {});
      } catch (err) {
        ok = false;
        error = err instanceof Error ? err.message : String(err);
      }
      report.sent.push(delivery.eventId);
    }
    const attempts = delivery.attempts + 1;
    const finishedAt = now();
    if (ok) {
      report.delivered++;
      await database
        .update(stripeEmulatorWebhookDeliveries)
        .set({ status: 'delivered', attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: finishedAt, lockedUntil: null })
        .where(eq(stripeEmulatorWebhookDeliveries.id, delivery.id));
    } else {
      const giveUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      if (giveUp) report.failed++;
      else report.retrying++;
      await database
        .update(stripeEmulatorWebhookDeliveries)
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          lastStatusCode: statusCode,
          lastError: error,
          nextAttemptAt: new Date(finishedAt.getTime() + deliveryBackoffMs(attempts)),
          lockedUntil: null,
        })
        .where(eq(stripeEmulatorWebhookDeliveries.id, delivery.id));
    }
  }
  return report;
}

// --- The timer inside the Next server ----------------------------------------------------------

const LOOP_INTERVAL_MS = 5_000;
type Loop = { timer: ReturnType<typeof setInterval>; running: boolean; again: boolean };
const globalForLoop = globalThis as unknown as { __inboundWebhookLoop?: Loop };

async function runLoop(loop: Loop): Promise<void> {
  if (loop.running) {
    loop.again = true;
    return;
  }
  loop.running = true;
  try {
    do {
      loop.again = false;
      await deliverPendingWebhooks();
    } while (loop.again);
  } catch (err) {
    console.error('[stripe emulator] webhook delivery failed:', err instanceof Error ? err.message : err);
  } finally {
    loop.running = false;
  }
}

/**
 * Starts, once per process, the timer that sends due webhooks (retries included). Harmless to
 * call often; a no-op outside emulator mode or when STRIPE_EMULATOR_WEBHOOKS=manual.
 */
export function startWebhookDeliveryLoop(env: Env = process.env): boolean {
  try {
    emulatorConfig(env);
  } catch {
    return false; // Stripe mode (or a configuration the emulator refuses): nothing to send
  }
  if (env.STRIPE_EMULATOR_WEBHOOKS?.trim() === 'manual') return false;
  if (!globalForLoop.__inboundWebhookLoop) {
    const created: Loop = { timer: setInterval(() => void runLoop(created), LOOP_INTERVAL_MS), running: false, again: false };
    created.timer.unref?.();
    globalForLoop.__inboundWebhookLoop = created;
  }
  return true;
}

/** Sends soon (after the current response), starting the timer if needed. Called after a request recorded events. */
export function kickWebhookDelivery(): void {
  const loop = startWebhookDeliveryLoop() ? globalForLoop.__inboundWebhookLoop : undefined;
  if (loop) setTimeout(() => void runLoop(loop), 50).unref?.();
}
