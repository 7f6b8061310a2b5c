import 'server-only';
import type { PaymentMode } from '@/db/schema';

/**
 * Which Stripe the app talks to, from the environment:
 * - STRIPE_SECRET_KEY (with NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET): Stripe.
 * - none of them: the offline emulator (lib/payments/emulator), the default for the demo.
 * STRIPE_EMULATOR=1 forces the emulator even with test keys set; it refuses to run next to a
 * live key, so live credentials and fake cards can never meet.
 */

export type Env = Record<string, string | undefined>;

/** The emulator's own keys. They only open the emulator, which only knows test cards. */
export const EMULATOR_SECRET_KEY = 'sk_test_inbound_emulator';
export const EMULATOR_PUBLISHABLE_KEY = 'pk_test_inbound_emulator';
/** Signs the emulator's webhooks when STRIPE_WEBHOOK_SECRET is not set. */
export const EMULATOR_WEBHOOK_SECRET = 'whsec_inbound_emulator_dev_only';
export const DEFAULT_APP_URL = 'http://localhost:3000';

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
    readonly code: 'live_key_with_emulator' | 'incomplete_stripe_config' | 'invalid_key' | 'mixed_key_modes' | 'invalid_setting',
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
  const raw = read(env, 'APP_URL') ?? DEFAULT_APP_URL;
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

export function resolvePaymentsConfig(env: Env = process.env): PaymentsConfig {
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
  return {
    mode: 'emulator',
    account: 'emulator',
    secretKey: EMULATOR_SECRET_KEY,
    publishableKey: EMULATOR_PUBLISHABLE_KEY,
    webhookSecret: webhookSecret ?? EMULATOR_WEBHOOK_SECRET,
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
