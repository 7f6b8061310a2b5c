import 'server-only';
import type { Database } from '@/db/client';
import type { PaymentsClient } from '@/lib/payments/stripe-client';
import { drainShipBatches, shipBatchWorkWaiting } from './ship-batch';

export interface ShipBatchLanes {
  /** A batch was started (NOTIFY): idle lanes look now rather than at their next poll. */
  wake(): void;
  /** Lets each lane finish the shipment in hand, then stops them. */
  stop(): Promise<void>;
}

/**
 * Lanes that ship batch items in parallel (each claims one item at a time), in the worker. Idle
 * lanes sleep until a batch is started (NOTIFY) or the one poll of this worker (every few
 * seconds) finds items to ship: what a dead worker left, or a notice that went missing. A
 * restarted worker so carries on with whatever its predecessor left.
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
  /** Sleeps until woken, or for `ms` at the most (then it leaves the waiters, which would otherwise grow with every poll). */
  const idle = (ms?: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        if (timer) clearTimeout(timer);
        waiters = waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = ms === undefined ? null : setTimeout(done, ms);
      timer?.unref();
      waiters.push(done);
    });
  const lane = async (n: number) => {
    while (!stopping) {
      try {
        const shipped = await drainShipBatches(database, { client: options.client, claimSeconds: options.claimSeconds, stopping: () => stopping });
        if (shipped > 0) log(`email-worker: lane ${n} shipped ${shipped} batch items`);
      } catch (err) {
        log(`email-worker: lane ${n}: ${err instanceof Error ? err.message : String(err)}`);
        await idle(1_000);
        continue;
      }
      if (!stopping) await idle();
    }
  };
  const poll = async () => {
    while (!stopping) {
      // A batch's notice wakes this too: one look more than needed, at each batch started.
      await idle(options.pollMs ?? 5_000);
      if (stopping) break;
      try {
        if (await shipBatchWorkWaiting(database, options.claimSeconds)) wake();
      } catch (err) {
        log(`email-worker: ship batch poll: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  const running = [...Array.from({ length: options.lanes ?? 4 }, (_, i) => lane(i + 1)), poll()];
  return {
    wake,
    async stop() {
      stopping = true;
      wake();
      await Promise.all(running);
    },
  };
}
