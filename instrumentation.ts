// Runs once when a server process starts, before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkPaymentsConfigAtStart } = await import('@/lib/payments/start-check');
  // A configuration the app refuses (a production server without Stripe keys and without
  // STRIPE_EMULATOR=1, half a Stripe setup, ...) stops the server here, with one line saying why.
  const emulator = await checkPaymentsConfigAtStart();
  // Webhook deliveries the Stripe emulator still owes (from before a restart) go out now
  // rather than at its first request.
  if (emulator && process.env.DATABASE_URL) emulator.startWebhookDeliveryLoop();
}
