/**
 * `npm run worker`: the email worker alone, beside any number of app servers (which can leave the
 * work to it with EMAIL_WORKER=off). Runs under db/with-database.ts, which provides DATABASE_URL,
 * and outside Next.js, hence scripts/allow-server-only.mjs.
 */
import { startConfiguredEmailWorker } from './start';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: start the worker with `npm run worker`, which provides one.');
  process.exit(1);
}

const worker = await startConfiguredEmailWorker(url);
console.log('email-worker: ready');

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`email-worker: ${signal}; finishing the messages in hand`);
  await worker.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
