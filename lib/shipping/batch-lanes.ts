import 'server-only';
import type { Database } from '@/db/client';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { drainShipBatches } from './ship-batch';

export interface ShipBatchLanes {
  /** A batch was started (NOTIFY): idle lanes look now rather than at their next poll. */
  wake(): void;
  /** Lets each lane finish the shipment in hand, then stops them. */
  stop(): Promise<void>;
}

/**
 * Lanes that ship batch items in parallel (each claims one item at a time), in the worker. They
 * poll every few seconds and wake at once when a batch is started; a restarted worker carries on
 * with whatever its predecessor left.
 */
export function startShipBatchLanes(
  database: Database,
  options: { lanes?: number; pollMs?: number; claimSeconds?: number; client?: PaymentsClient; log?: (line: string) => void } = {},
): ShipBatchLanes {
  const log = options.log ?? ((line: string) => console.log(line));
  let stopping = false;
  let waiters: (() => void)[] = [];
  const wake = () => {
    const woken = waiters;
    waiters = [];
    for (const w of woken) w();
  };
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  const lane = async (n: number) => {
    while (!stopping) {
      try {
        const shipped = await drainShipBatches(database, { client: options.client, claimSeconds: options.claimSeconds, stopping: () => stopping });
        if (shipped > 0) log(`email-worker: lane ${n} shipped ${shipped} batch items`);
      } catch (err) {
        log(`email-worker: lane ${n}: ${err instanceof Error ? err.message : String(err)}`);
        await idle(1_000);
      }
      if (!stopping) await idle(options.pollMs ?? 5_000);
    }
  };
  const running = Array.from({ length: options.lanes ?? 4 }, (_, i) => lane(i + 1));
  return {
    wake,
    async stop() {
      stopping = true;
      wake();
      await Promise.all(running);
    },
  };
}
