import 'server-only';
import { PaymentsConfigError, resolvePaymentsConfig } from '../config';
import { handleEmulatorRequest } from './handler';

const notFound = () => new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });

/**
 * What app/v1/[...path]/route.ts serves. In Stripe mode the emulator's routes do not exist;
 * with a live key next to STRIPE_EMULATOR=1 the emulator refuses to run at all.
 */
export async function handleEmulatorHttpRequest(request: Request): Promise<Response> {
  try {
    if (resolvePaymentsConfig().mode !== 'emulator') return notFound();
  } catch (err) {
    if (err instanceof PaymentsConfigError) {
      console.error(`[stripe emulator] not serving: ${err.message}`);
      return notFound();
    }
    throw err;
  }
  return handleEmulatorRequest(request);
}
