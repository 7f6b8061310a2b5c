import 'server-only';
import type { Database } from '@/db/client';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { chargeAndSettle, chargeJobFor, staleChargingShipments } from './ship-shipment';
import { STALE_CHARGING_SECONDS } from './stale-charging';

/** The pg-boss queue of charges whose outcome is not known yet (a transient error, or a crash). */
export const CHARGE_QUEUE = 'shipment-charges';

/** Retries: 5 s, 10 s, 20 s, ... doubling, eight times (about 20 minutes); the sweep queues it again after that. */
export const CHARGE_RETRY = { retryLimit: 8, retryDelay: 5, retryBackoff: true } as const;

export class StillCharging extends Error {
  constructor(shipmentId: string) {
    super(`The charge for shipment ${shipmentId} has no answer yet; it is retried with the same key.`);
  }
}

/**
 * Runs a charging shipment's current attempt again (the same idempotency key, so Stripe answers
 * with the first result instead of charging twice) and settles it. Throws StillCharging while
 * the provider still fails transiently, so pg-boss retries after its backoff.
 */
export async function retryCharge(database: Database, shipmentId: string, client?: PaymentsClient): Promise<'settled'> {
  const job = await chargeJobFor(database, shipmentId);
  if (!job) return 'settled';
  const outcome = await chargeAndSettle(job, database, { client, maxTries: 1 });
  if (outcome.ok && outcome.status === 'charging') throw new StillCharging(shipmentId);
  return 'settled';
}

/** Shipments left charging (a crash between the charge and the mark, or retries run out): each gets a retry job. */
export async function sweepStaleCharges(
  database: Database,
  enqueue: (shipmentId: string) => Promise<unknown>,
  olderThanSeconds = STALE_CHARGING_SECONDS,
): Promise<number> {
  const ids = await staleChargingShipments(database, olderThanSeconds);
  for (const id of ids) await enqueue(id);
  return ids.length;
}
