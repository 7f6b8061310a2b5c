// Runs once when a server process starts: webhook deliveries the Stripe emulator still owes
// (from before a restart) go out now rather than at its first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.DATABASE_URL) {
    const { startWebhookDeliveryLoop } = await import('@/lib/payments/emulator/deliveries');
    startWebhookDeliveryLoop();
  }
}
