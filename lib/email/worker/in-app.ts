import 'server-only';
import { workerSettings } from '../config';
import { startConfiguredEmailWorker } from './start';

const globalForWorker = globalThis as unknown as { __inboundEmailWorker?: Promise<unknown>; __inboundShutdownHooks?: (() => Promise<void>)[] };

/** The worker inside an app server: once per process (dev reloads re-run modules, not processes). */
export async function startAppEmailWorker(databaseUrl: string): Promise<void> {
  if (!workerSettings().inApp) return;
  globalForWorker.__inboundEmailWorker ??= startConfiguredEmailWorker(databaseUrl).then((worker) => {
    // server.mjs runs these on SIGTERM/SIGINT before it exits, so a deploy lets the messages in hand
    // finish (a send cut off after the SMTP server accepted it would be sent again).
    (globalForWorker.__inboundShutdownHooks ??= []).push(() => worker.stop());
    return worker;
  });
  await globalForWorker.__inboundEmailWorker;
}
