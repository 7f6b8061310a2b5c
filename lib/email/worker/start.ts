import 'server-only';
import { checkStoreSettingsAtStart } from '@/lib/store-settings';
import { checkEmailConfig, EmailConfigError, workerSettings } from '../config';
import { startEmailWorker, type EmailWorker } from './index';

/**
 * Starts the email worker with the settings in the environment, or stops the process with one line
 * saying which setting is wrong. Used by instrumentation.ts (app servers) and main.ts (npm run worker).
 */
export async function startConfiguredEmailWorker(databaseUrl: string): Promise<EmailWorker> {
  try {
    checkEmailConfig();
  } catch (err) {
    if (!(err instanceof EmailConfigError)) throw err;
    console.error(`Refusing to start: ${err.message}`);
    process.exit(1);
  }
  checkStoreSettingsAtStart();
  const settings = workerSettings();
  return startEmailWorker({
    databaseUrl,
    concurrency: settings.concurrency,
    expireInSeconds: settings.expireInSeconds,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
    pauseAfterAcceptMs: settings.pauseAfterAcceptMs,
    chargeRecoveryAfterSeconds: settings.chargeRecoveryAfterSeconds,
    shipLanes: settings.shipLanes,
    shipClaimSeconds: settings.shipClaimSeconds,
  });
}
