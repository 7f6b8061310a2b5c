// Runs once when a server process starts, before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkPaymentsConfigAtStart } = await import('@/lib/payments/start-check');
  // A configuration the app refuses (a production server without Stripe keys and without
  // STRIPE_EMULATOR=1, half a Stripe setup, ...) stops the server here, with one line saying why.
  const emulator = await checkPaymentsConfigAtStart();
  const { checkStoreSettingsAtStart } = await import('@/lib/store-settings');
  checkStoreSettingsAtStart();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return;
  // Webhook deliveries the Stripe emulator still owes (from before a restart) go out now
  // rather than at its first request.
  if (emulator) emulator.startWebhookDeliveryLoop();
  // Every app server delivers email too, unless EMAIL_WORKER=off leaves it to `npm run worker`.
  const { startAppEmailWorker } = await import('@/lib/email/worker/in-app');
  await startAppEmailWorker(databaseUrl);
}
