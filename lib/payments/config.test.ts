import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NO_STRIPE_KEYS_IN_PRODUCTION, PaymentsConfigError, paymentsMode, publicPaymentsConfig, resolvePaymentsConfig } from './config';
import { emulatorKeys, EmulatorKeysError } from './emulator/keys';

const STRIPE_TEST = { STRIPE_SECRET_KEY: 'sk_test_123', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_123' };
/** The emulator's keys from configuration, as several app servers would set them (no key file read). */
const EMULATOR_KEYS = { STRIPE_EMULATOR_SECRET_KEY: `sk_test_${'k'.repeat(32)}`, STRIPE_WEBHOOK_SECRET: 'whsec_configured' };
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
  it('uses the emulator when no key is set, with the keys from configuration', () => {
    expect(resolvePaymentsConfig({ NODE_ENV: 'development', ...EMULATOR_KEYS })).toMatchObject({
      mode: 'emulator',
      account: 'emulator',
      secretKey: EMULATOR_KEYS.STRIPE_EMULATOR_SECRET_KEY,
      publishableKey: expect.stringMatching(/^pk_test_emu_[0-9a-f]{32}$/),
      webhookSecret: 'whsec_configured',
      appUrl: 'http://localhost:3000',
      controlsEnabled: true,
      autoDeliverWebhooks: false,
      webhookChaos: null,
    });
  });

  it('signs emulator webhooks with STRIPE_WEBHOOK_SECRET when set, and reads APP_URL and the switches', () => {
    const config = resolvePaymentsConfig({
      ...EMULATOR_KEYS,
      STRIPE_EMULATOR: '1',
      STRIPE_WEBHOOK_SECRET: 'whsec_mine',
      APP_URL: 'http://127.0.0.1:3100/some/path',
      NEXT_RUNTIME: 'nodejs',
      NODE_ENV: 'production',
      STRIPE_EMULATOR_WEBHOOK_CHAOS: 'reverse',
    });
    expect(config).toMatchObject({
      mode: 'emulator',
      webhookSecret: 'whsec_mine',
      appUrl: 'http://127.0.0.1:3100',
      autoDeliverWebhooks: true,
      controlsEnabled: false,
      webhookChaos: 'reverse',
    });
    expect(resolvePaymentsConfig({ ...EMULATOR_KEYS, NODE_ENV: 'production', STRIPE_EMULATOR: '1', STRIPE_EMULATOR_CONTROLS: '1' })).toMatchObject({
      controlsEnabled: true,
    });
    expect(resolvePaymentsConfig({ ...EMULATOR_KEYS, NEXT_RUNTIME: 'nodejs', STRIPE_EMULATOR_WEBHOOKS: 'manual' })).toMatchObject({
      autoDeliverWebhooks: false,
    });
    expect(configError({ ...EMULATOR_KEYS, APP_URL: 'ftp://x' }).code).toBe('invalid_setting');
    expect(configError({ ...EMULATOR_KEYS, STRIPE_EMULATOR_WEBHOOK_CHAOS: 'sometimes' }).code).toBe('invalid_setting');
    expect(configError({ ...EMULATOR_KEYS, STRIPE_EMULATOR_SECRET_KEY: 'sk_test_short' }).code).toBe('invalid_setting');
  });

  it('uses Stripe when STRIPE_SECRET_KEY is set with the other two', () => {
    expect(resolvePaymentsConfig(STRIPE_TEST)).toEqual({
      mode: 'stripe',
      account: 'test',
      secretKey: 'sk_test_123',
      publishableKey: 'pk_test_123',
      webhookSecret: 'whsec_123',
    });
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
    // Stripe's test keys are not the emulator's: it keeps its own (STRIPE_WEBHOOK_SECRET aside).
    expect(resolvePaymentsConfig({ ...STRIPE_TEST, ...EMULATOR_KEYS, STRIPE_EMULATOR: '1' })).toMatchObject({
      mode: 'emulator',
      secretKey: EMULATOR_KEYS.STRIPE_EMULATOR_SECRET_KEY,
    });
    const refused = configError({ ...STRIPE_LIVE, STRIPE_EMULATOR: '1' });
    expect(refused.code).toBe('live_key_with_emulator');
    expect(refused.message).toMatch(/Refusing to run the Stripe emulator/);
    expect(configError({ STRIPE_EMULATOR: '1', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_1' }).code).toBe('live_key_with_emulator');
  });
});

describe('a production server without Stripe keys', () => {
  it('is refused unless STRIPE_EMULATOR=1, with the one line that says what to set', () => {
    const refused = configError({ NODE_ENV: 'production' });
    expect(refused.code).toBe('no_stripe_keys_in_production');
    expect(refused.message).toBe(NO_STRIPE_KEYS_IN_PRODUCTION);
    expect(refused.message).toBe(
      'No Stripe keys are set. Set STRIPE_SECRET_KEY, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or STRIPE_EMULATOR=1 to run the built-in test-mode emulator.',
    );
    // A webhook secret alone is not a Stripe configuration either.
    expect(configError({ NODE_ENV: 'production', STRIPE_WEBHOOK_SECRET: 'whsec_x' }).code).toBe('no_stripe_keys_in_production');
    expect(() => paymentsMode({ NODE_ENV: 'production' })).toThrow(NO_STRIPE_KEYS_IN_PRODUCTION);
  });

  it('runs the emulator with STRIPE_EMULATOR=1, and development keeps it by default', () => {
    expect(resolvePaymentsConfig({ ...EMULATOR_KEYS, NODE_ENV: 'production', STRIPE_EMULATOR: '1' })).toMatchObject({ mode: 'emulator' });
    expect(paymentsMode({ NODE_ENV: 'development' })).toBe('emulator');
    expect(paymentsMode({ NODE_ENV: 'production', ...STRIPE_TEST })).toBe('stripe');
  });

  it('is not refused while `next build` prerenders (the server that runs checks at its start)', () => {
    expect(paymentsMode({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' })).toBe('emulator');
  });
});

describe('the emulator keys of an installation', () => {
  const installation = () => mkdtempSync(path.join(tmpdir(), 'inbound-keys-'));

  it('are generated once into .data/stripe-emulator-keys.json (mode 0600) and read back the same', async () => {
    const { statSync, readFileSync } = await import('node:fs');
    const dir = installation();
    const first = emulatorKeys({}, dir);
    expect(first.secretKey).toMatch(/^sk_test_emu_[0-9a-f]{48}$/);
    expect(first.webhookSecret).toMatch(/^whsec_emu_[0-9a-f]{48}$/);
    const file = path.join(dir, '.data', 'stripe-emulator-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ secretKey: first.secretKey, webhookSecret: first.webhookSecret });
    expect(emulatorKeys({}, dir)).toEqual(first);
    // Another installation has other keys: nothing about them is in the source.
    const other = emulatorKeys({}, installation());
    expect(other.secretKey).not.toBe(first.secretKey);
    expect(other.publishableKey).not.toBe(first.publishableKey);
    expect(other.webhookSecret).not.toBe(first.webhookSecret);
  });

  it('refuse an empty or corrupt key file with one clear message naming it', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    for (const [name, text] of [
      ['empty', ''],
      ['corrupt', '{"secretKey":'],
      ['null', 'null'],
      ['wrong', '{"secretKey":1}'],
    ]) {
      const dir = installation();
      const file = path.join(dir, '.data', 'stripe-emulator-keys.json');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text!);
      expect(() => emulatorKeys({}, dir), name).toThrow(EmulatorKeysError);
      expect(() => emulatorKeys({}, dir), name).toThrow(`${file} does not hold the emulator's keys (it is empty or corrupt); delete it to generate new ones.`);
    }
  });

  it('come from STRIPE_EMULATOR_SECRET_KEY and STRIPE_WEBHOOK_SECRET when set (several app servers)', () => {
    const dir = installation();
    const keys = emulatorKeys(EMULATOR_KEYS, dir);
    expect(keys).toMatchObject({ secretKey: EMULATOR_KEYS.STRIPE_EMULATOR_SECRET_KEY, webhookSecret: 'whsec_configured' });
    expect(emulatorKeys(EMULATOR_KEYS, installation()).publishableKey).toBe(keys.publishableKey); // derived from the secret key
    expect(keys.publishableKey).not.toContain(EMULATOR_KEYS.STRIPE_EMULATOR_SECRET_KEY.slice(8));
  });
});
