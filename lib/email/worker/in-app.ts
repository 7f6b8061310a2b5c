import 'server-only';
import { workerSettings } from '../config';
import { startConfiguredEmailWorker } from './start';

const globalForWorker = globalThis as unknown as { __inboundEmailWorker?: Promise<unknown> };

/** The worker inside an app server: once per process (dev reloads re-run modules, not processes). */
export async function startAppEmailWorker(databaseUrl: string): Promise<void> {
  if (!workerSettings().inApp) return;
  globalForWorker.__inboundEmailWorker ??= startConfiguredEmailWorker(databaseUrl).then((worker) => {
    const stop = () => void worker.stop();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return worker;
  });
  await globalForWorker.__inboundEmailWorker;
}
