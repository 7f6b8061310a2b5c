import type { CardDetails } from './card-input';

/**
 * What the test-mode card form sends to the offline Stripe emulator, as Stripe.js would send it
 * to api.stripe.com: form-encoded, with the publishable key and the SetupIntent's client secret
 * (docs/payments.md, "The browser's requests"). Client-safe: no server code, no Stripe SDK.
 */

export type EmulatedSetupResult =
  /** The card is saved; the server must still verify the SetupIntent (verifySetupIntent). */
  | { status: 'succeeded'; setupIntentId: string }
  /** The card asks for 3D Secure: show the emulated authentication step. */
  | { status: 'requires_action'; setupIntentId: string }
  /** Not saved: the message is for the shopper (never contains the card number). */
  | { status: 'failed'; message: string; code: string | null; declineCode: string | null };

type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface EmulatorRequestOptions {
  clientSecret: string;
  publishableKey: string;
  /** The global fetch by default; tests pass their own. */
  fetch?: FetchFn;
  /** Where the emulator is served; the app itself (same origin) by default. */
  baseUrl?: string;
}

const UNREACHABLE = 'We could not reach the payment service, so your card was not saved. Check your connection and try again.';
const UNEXPECTED = 'Your card could not be saved. Try again, or use another card.';

/** `seti_123_secret_abc` -> `seti_123`, as Stripe.js reads the id from the client secret. */
export function setupIntentIdFromClientSecret(clientSecret: string): string | null {
  return /^(seti_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret)?.[1] ?? null;
}

function requireSetupIntentId(clientSecret: string): string {
  const id = setupIntentIdFromClientSecret(clientSecret);
  if (!id) throw new Error('The card form was given something that is not a SetupIntent client secret.');
  return id;
}

interface StripeErrorJson {
  message?: string;
  code?: string;
  decline_code?: string;
}

interface SetupIntentJson {
  id?: string;
  status?: string;
  last_setup_error?: StripeErrorJson | null;
}

async function call(
  options: EmulatorRequestOptions,
  method: 'GET' | 'POST',
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> } | null> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const params = new URLSearchParams({ key: options.publishableKey, client_secret: options.clientSecret, ...form });
  const url = `${options.baseUrl ?? ''}${path}`;
  try {
    const response =
      method === 'GET'
        ? await doFetch(`${url}?${params.toString()}`, { method, headers: { accept: 'application/json' }, cache: 'no-store' })
        : await doFetch(url, {
            method,
            headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
            body: params.toString(),
            cache: 'no-store',
          });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, body };
  } catch {
    return null;
  }
}

/** The code of a failure to reach the emulator at all (nothing changed; the same step can be tried again). */
export const NETWORK_ERROR = 'network_error';

function failed(error: StripeErrorJson | null | undefined, fallback = UNEXPECTED): EmulatedSetupResult {
  return { status: 'failed', message: error?.message || fallback, code: error?.code ?? null, declineCode: error?.decline_code ?? null };
}

function unreachable(): EmulatedSetupResult {
  return { status: 'failed', message: UNREACHABLE, code: NETWORK_ERROR, declineCode: null };
}

/** A SetupIntent as the browser sees it, turned into what the form does next. */
function fromSetupIntent(si: SetupIntentJson, fallbackId: string): EmulatedSetupResult {
  const setupIntentId = si.id ?? fallbackId;
  if (si.status === 'succeeded') return { status: 'succeeded', setupIntentId };
  if (si.status === 'requires_action') return { status: 'requires_action', setupIntentId };
  return failed(si.last_setup_error);
}

/** The SetupIntent's current state: used when a confirmation says it was already confirmed. */
export async function retrieveEmulatedSetup(options: EmulatorRequestOptions): Promise<EmulatedSetupResult> {
  const id = requireSetupIntentId(options.clientSecret);
  const res = await call(options, 'GET', `/v1/setup_intents/${id}`, {});
  if (!res) return unreachable();
  if (res.status !== 200) return failed(res.body.error as StripeErrorJson);
  return fromSetupIntent(res.body as SetupIntentJson, id);
}

async function interpret(options: EmulatorRequestOptions, id: string, res: Awaited<ReturnType<typeof call>>): Promise<EmulatedSetupResult> {
  if (!res) return unreachable();
  if (res.status === 200) return fromSetupIntent(res.body as SetupIntentJson, id);
  const error = res.body.error as StripeErrorJson | undefined;
  // Confirmed already (a second tab, or a reload after saving): report what it is now.
  if (error?.code === 'setup_intent_unexpected_state') {
    const current = await retrieveEmulatedSetup(options);
    if (current.status !== 'failed') return current;
  }
  return failed(error);
}

/** "Save card": POST /v1/setup_intents/:id/confirm with the card details. */
export async function confirmEmulatedSetup(options: EmulatorRequestOptions & { card: CardDetails; returnUrl?: string }): Promise<EmulatedSetupResult> {
  const id = requireSetupIntentId(options.clientSecret);
  const form: Record<string, string> = {
    'payment_method_data[type]': 'card',
    'payment_method_data[card][number]': options.card.number,
    'payment_method_data[card][exp_month]': String(options.card.expMonth),
    'payment_method_data[card][exp_year]': String(options.card.expYear),
    'payment_method_data[card][cvc]': options.card.cvc,
  };
  if (options.returnUrl) form.return_url = options.returnUrl;
  return interpret(options, id, await call(options, 'POST', `/v1/setup_intents/${id}/confirm`, form));
}

/** The emulated 3D Secure step's buttons: POST /v1/emulator/authentications/:id/(complete|fail). */
export async function finishEmulatedSetupAuthentication(options: EmulatorRequestOptions & { outcome: 'complete' | 'fail' }): Promise<EmulatedSetupResult> {
  const id = requireSetupIntentId(options.clientSecret);
  return interpret(options, id, await call(options, 'POST', `/v1/emulator/authentications/${id}/${options.outcome}`, {}));
}
