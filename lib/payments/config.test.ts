import { describe, expect, it } from 'vitest';
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET, PaymentsConfigError, publicPaymentsConfig, resolvePaymentsConfig } from './config';

const STRIPE_TEST = { STRIPE_SECRET_KEY: 'sk_test_123', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_123' };
const STRIPE_LIVE = { STRIPE_SECRET_KEY: 'sk_live_123', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_123', STRIPE_WEBHOOK_SECRET: 'whsec_123' };

function configError(env: Record<string, string>): PaymentsConfigError {
  try {
    resolvePaymentsConfig(env);
  } catch (err) {
    if (err instanceof PaymentsConfigError) return err;
    throw err;
  }
  throw new Error('expected a PaymentsConfigError');
}

describe('resolvePaymentsConfig', () => {
  it('uses the emulator when no key is set, with its own keys and dev webhook secret', () => {
    expect(resolvePaymentsConfig({ NODE_ENV: 'development' })).toMatchObject({
      mode: 'emulator',
      account: 'emulator',
      secretKey: EMULATOR_SECRET_KEY,
      webhookSecret: EMULATOR_WEBHOOK_SECRET,
      appUrl: 'http://localhost:3000',
      controlsEnabled: true,
      autoDeliverWebhooks: false,
      webhookChaos: null,
    });
  });

  it('signs emulator webhooks with STRIPE_WEBHOOK_SECRET when set, and reads APP_URL and the switches', () => {
    const config = resolvePaymentsConfig({
      STRIPE_WEBHOOK_SECRET: 'whsec_mine',
      APP_URL: 'http://127.0.0.1:3100/some/path',
      NEXT_RUNTIME: 'nodejs',
      NODE_ENV: 'production',
      STRIPE_EMULATOR_WEBHOOK_CHAOS: 'reverse',
    });
    expect(config).toMatchObject({ mode: 'emulator', webhookSecret: 'whsec_mine', appUrl: 'http://127.0.0.1:3100', autoDeliverWebhooks: true, controlsEnabled: false, webhookChaos: 'reverse' });
    expect(resolvePaymentsConfig({ NODE_ENV: 'production', STRIPE_EMULATOR_CONTROLS: '1' })).toMatchObject({ controlsEnabled: true });
    expect(resolvePaymentsConfig({ NEXT_RUNTIME: 'nodejs', STRIPE_EMULATOR_WEBHOOKS: 'manual' })).toMatchObject({ autoDeliverWebhooks: false });
    expect(configError({ APP_URL: 'ftp://x' }).code).toBe('invalid_setting');
    expect(configError({ STRIPE_EMULATOR_WEBHOOK_CHAOS: 'sometimes' }).code).toBe('invalid_setting');
  });

  it('uses Stripe when STRIPE_SECRET_KEY is set with the other two', () => {
    expect(resolvePaymentsConfig(STRIPE_TEST)).toEqual({ mode: 'stripe', account: 'test', secretKey: 'sk_test_123', publishableKey: 'pk_test_123', webhookSecret: 'whsec_123' });
    expect(resolvePaymentsConfig(STRIPE_LIVE)).toMatchObject({ mode: 'stripe', account: 'live' });
    expect(publicPaymentsConfig(STRIPE_TEST)).toEqual({ mode: 'stripe', publishableKey: 'pk_test_123' });
  });

  it('refuses half a Stripe configuration, wrong key kinds and mixed test/live keys', () => {
    expect(configError({ STRIPE_SECRET_KEY: 'sk_test_123' }).code).toBe('incomplete_stripe_config');
    expect(configError({ NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_123' }).code).toBe('incomplete_stripe_config');
    expect(configError({ ...STRIPE_TEST, STRIPE_SECRET_KEY: 'pk_test_123' }).code).toBe('invalid_key');
    expect(configError({ ...STRIPE_TEST, STRIPE_WEBHOOK_SECRET: 'secret' }).code).toBe('invalid_key');
    expect(configError({ ...STRIPE_TEST, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_123' }).code).toBe('mixed_key_modes');
  });

  it('STRIPE_EMULATOR=1 forces the emulator next to test keys, and refuses to run next to a live key', () => {
    expect(resolvePaymentsConfig({ ...STRIPE_TEST, STRIPE_EMULATOR: '1' })).toMatchObject({ mode: 'emulator', secretKey: EMULATOR_SECRET_KEY });
    const refused = configError({ ...STRIPE_LIVE, STRIPE_EMULATOR: '1' });
    expect(refused.code).toBe('live_key_with_emulator');
    expect(refused.message).toMatch(/Refusing to run the Stripe emulator/);
    expect(configError({ STRIPE_EMULATOR: '1', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_1' }).code).toBe('live_key_with_emulator');
  });
});
