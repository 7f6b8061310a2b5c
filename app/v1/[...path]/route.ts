import { loadEmulator, PaymentsConfigError } from '@/lib/payments';

// The offline Stripe emulator's HTTP API (docs/payments.md). 404 everywhere in Stripe mode,
// where the emulator is not even loaded.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const notFound = () => new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });

// The configuration is checked here once: loadEmulator() decides the mode (and refuses a live
// key next to STRIPE_EMULATOR=1), handleEmulatorRequest() reads the emulator's keys.
async function serve(request: Request): Promise<Response> {
  try {
    const emulator = await loadEmulator();
    return emulator ? await emulator.handleEmulatorRequest(request) : notFound();
  } catch (err) {
    if (!(err instanceof PaymentsConfigError)) throw err;
    console.error(`[stripe emulator] not serving: ${err.message}`);
    return notFound();
  }
}

export const GET = serve;
export const POST = serve;
export const DELETE = serve;
