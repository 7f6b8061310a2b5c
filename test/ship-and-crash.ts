/**
 * Ships one shipment and kills itself (SIGKILL) at the step named on the command line, for the
 * crash tests (lib/shipping/crash.int.test.ts). Not used by the app.
 *   ship-and-crash.ts <shipmentId> after_begin | provider_answered | after_charge | before_settle_commit
 */
import { connect } from '@/db/connect';
import { emulatorClient } from '@/lib/payments/emulator/testing';
import { shipShipment } from '@/lib/shipping/ship-shipment';

const [shipmentId, crashAt] = process.argv.slice(2);
const die = () => {
  console.log(`ship-and-crash: dying at ${crashAt}`);
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is not instant: never let the step go on meanwhile.
  return new Promise(() => {});
};
const { db } = connect(process.env.DATABASE_URL!, { max: 2 });
const client = emulatorClient(db, {
  wrapFetch:
    crashAt === 'provider_answered'
      ? (inner) => async (input, init) => {
          const response = await inner(input, init);
          // Stripe has charged and answered; the answer never reaches the payment attempt row.
          if (init?.method === 'POST' && String(input).includes('/v1/payment_intents')) await die();
          return response;
        }
      : undefined,
});
const at = (step: string) => (crashAt === step ? die : undefined);
const outcome = await shipShipment({ shipmentId: shipmentId! }, 'crash-test@example.com', {
  database: db,
  client,
  faults: { afterBegin: at('after_begin'), afterCharge: at('after_charge'), beforeSettleCommit: at('before_settle_commit') },
});
console.log(`ship-and-crash: finished ${JSON.stringify(outcome)}`);
process.exit(0);
