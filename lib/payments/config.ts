import 'server-only';
import type { PaymentMode } from '@/db/schema';
import { defaultAppUrl } from '@/lib/site';
import { emulatorKeys, EmulatorKeysError } from './emulator/keys';

/**
 * Which Stripe the app talks to, from the environment:
 * - STRIPE_SECRET_KEY (with NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET): Stripe.
 * - none of them: the offline emulator (lib/payments/emulator), the default for `npm run dev`.
 *   A production server (NODE_ENV=production) refuses to start that way unless STRIPE_EMULATOR=1
 *   says the emulator is meant: a store that forgot its keys must not take fake payments.
 * STRIPE_EMULATOR=1 forces the emulator even with test keys set; it refuses to run next to a
 * live key, so live credentials and fake cards can never meet.
 */

export type Env = Record<string, string | undefined>;

export const DEFAULT_APP_URL = 'http://localhost:3000';

/** The one line a production server without Stripe keys prints before it refuses to start. */
export const NO_STRIPE_KEYS_IN_PRODUCTION =
  'No Stripe keys are set. Set STRIPE_SECRET_KEY, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or STRIPE_EMULATOR=1 to run the built-in test-mode emulator.';

export type WebhookChaos = 'duplicate' | 'reverse';

export interface StripeConfig {
  mode: 'stripe';
  account: Extract<PaymentMode, 'test' | 'live'>;
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
}

export interface EmulatorConfig {
  mode: 'emulator';
  account: 'emulator';
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Where the emulator sends webhooks (APP_URL + /api/webhooks/stripe) and links its 3DS page. */
  appUrl: string;
  /** The expire-card and delivery controls: on outside production, or with STRIPE_EMULATOR_CONTROLS=1. */
  controlsEnabled: boolean;
  /** Inside the Next server webhooks are sent by a timer; tests and scripts call deliverPendingWebhooks. */
  autoDeliverWebhooks: boolean;
  /** Test switch: deliver every event twice, or each batch newest first. */
  webhookChaos: WebhookChaos | null;
}

export type PaymentsConfig = StripeConfig | EmulatorConfig;

export class PaymentsConfigError extends Error {
  constructor(
    readonly code:
      'live_key_with_emulator' | 'incomplete_stripe_config' | 'invalid_key' | 'mixed_key_modes' | 'invalid_setting' | 'no_stripe_keys_in_production',
    message: string,
  ) {
    super(message);
    this.name = 'PaymentsConfigError';
  }
}

const isLive = (key: string | undefined) => !!key && /^(sk|rk|pk)_live_/.test(key);

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function appUrlFrom(env: Env): string {
  const raw = read(env, 'APP_URL') ?? defaultAppUrl(env);
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url.origin;
  } catch {
    throw new PaymentsConfigError('invalid_setting', `APP_URL must be an http(s) URL such as ${DEFAULT_APP_URL}; got "${raw}".`);
  }
}

function chaosFrom(env: Env): WebhookChaos | null {
  const raw = read(env, 'STRIPE_EMULATOR_WEBHOOK_CHAOS');
  if (!raw) return null;
  if (raw === 'duplicate' || raw === 'reverse') return raw;
  throw new PaymentsConfigError('invalid_setting', 'STRIPE_EMULATOR_WEBHOOK_CHAOS must be "duplicate" or "reverse".');
}

/** The Stripe-mode settings when they are complete and consistent; null when the emulator is to run. */
function stripeSettings(env: Env): StripeConfig | null {
  const secretKey = read(env, 'STRIPE_SECRET_KEY');
  const publishableKey = read(env, 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY');
  const webhookSecret = read(env, 'STRIPE_WEBHOOK_SECRET');
  const forceEmulator = read(env, 'STRIPE_EMULATOR') === '1';

  if (secretKey && !forceEmulator) {
    const missing = [!publishableKey && 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', !webhookSecret && 'STRIPE_WEBHOOK_SECRET'].filter(Boolean);
    if (missing.length) {
      throw new PaymentsConfigError(
        'incomplete_stripe_config',
        `STRIPE_SECRET_KEY is set, so payments use Stripe, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not. Set all three, or none to use the emulator.`,
      );
    }
    if (!/^(sk|rk)_(test|live)_/.test(secretKey)) {
      throw new PaymentsConfigError('invalid_key', 'STRIPE_SECRET_KEY must be a secret or restricted key (sk_test_..., sk_live_..., rk_...).');
    }
    if (!/^pk_(test|live)_/.test(publishableKey!)) {
      throw new PaymentsConfigError('invalid_key', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY must be a publishable key (pk_test_... or pk_live_...).');
    }
    if (!webhookSecret!.startsWith('whsec_')) {
      throw new PaymentsConfigError('invalid_key', 'STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_...).');
    }
    if (isLive(secretKey) !== isLive(publishableKey)) {
      throw new PaymentsConfigError('mixed_key_modes', 'STRIPE_SECRET_KEY and NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY must both be test keys or both be live keys.');
    }
    return { mode: 'stripe', account: isLive(secretKey) ? 'live' : 'test', secretKey, publishableKey: publishableKey!, webhookSecret: webhookSecret! };
  }

  if (isLive(secretKey) || isLive(publishableKey)) {
    throw new PaymentsConfigError(
      'live_key_with_emulator',
      'Refusing to run the Stripe emulator while a live Stripe key is configured. Remove STRIPE_EMULATOR=1 to use Stripe, or use test keys.',
    );
  }
  if (publishableKey && !secretKey) {
    throw new PaymentsConfigError(
      'incomplete_stripe_config',
      'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set without STRIPE_SECRET_KEY. Set both (and STRIPE_WEBHOOK_SECRET) for Stripe, or neither for the emulator.',
    );
  }
  // `next build` runs with NODE_ENV=production too; what it prerenders must not need a decision
  // that belongs to the server that will run (the server checks again when it starts).
  if (env.NODE_ENV === 'production' && !forceEmulator && env.NEXT_PHASE !== 'phase-production-build') {
    throw new PaymentsConfigError('no_stripe_keys_in_production', NO_STRIPE_KEYS_IN_PRODUCTION);
  }
  return null;
}

/**
 * Which mode payments run in, without reading any key: for what only needs to know, such as
 * the test-mode banner. Throws PaymentsConfigError for a configuration the app refuses.
 */
export function paymentsMode(env: Env = process.env): PaymentsConfig['mode'] {
  return stripeSettings(env) ? 'stripe' : 'emulator';
}

export function resolvePaymentsConfig(env: Env = process.env): PaymentsConfig {
  const stripe = stripeSettings(env);
  if (stripe) return stripe;
  let keys;
  try {
    keys = emulatorKeys(env);
  } catch (err) {
    if (err instanceof EmulatorKeysError) throw new PaymentsConfigError('invalid_setting', err.message);
    throw err;
  }
  return {
    mode: 'emulator',
    account: 'emulator',
    ...keys,
    appUrl: appUrlFrom(env),
    controlsEnabled: env.NODE_ENV !== 'production' || read(env, 'STRIPE_EMULATOR_CONTROLS') === '1',
    autoDeliverWebhooks: !!env.NEXT_RUNTIME && read(env, 'STRIPE_EMULATOR_WEBHOOKS') !== 'manual',
    webhookChaos: chaosFrom(env),
  };
}

/** What the browser may know: which card form to show and the publishable key for it. */
export interface PublicPaymentsConfig {
  mode: 'stripe' | 'emulator';
  publishableKey: string;
}

export function publicPaymentsConfig(env: Env = process.env): PublicPaymentsConfig {
  const config = resolvePaymentsConfig(env);
  return { mode: config.mode, publishableKey: config.publishableKey };
}
