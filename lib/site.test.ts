import { describe, expect, it } from 'vitest';
import { resolvePaymentsConfig } from '@/lib/payments/config';
import { defaultAppUrl, siteUrl } from './site';

describe('siteUrl', () => {
  it('defaults to this machine on the port the server listens on', () => {
    expect(siteUrl({ PORT: '3204' })).toBe('http://localhost:3204');
    expect(siteUrl({})).toBe('http://localhost:3000');
    expect(siteUrl({ PORT: ' ' })).toBe('http://localhost:3000');
    expect(siteUrl({ PORT: 'not-a-port' })).toBe('http://localhost:3000');
  });

  it('uses APP_URL when set, whatever the port, without a trailing slash', () => {
    expect(siteUrl({ APP_URL: 'https://shop.example.com/', PORT: '3204' })).toBe('https://shop.example.com');
    expect(siteUrl({ APP_URL: '', PORT: '4000' })).toBe('http://localhost:4000');
  });
});

describe('the emulator links and webhooks to the same default', () => {
  // Configured emulator keys, so the test reads no installation key file.
  const keys = { STRIPE_EMULATOR_SECRET_KEY: `sk_test_${'a'.repeat(24)}`, STRIPE_WEBHOOK_SECRET: 'whsec_test' };

  it('follows PORT when APP_URL is not set', () => {
    const env = { NODE_ENV: 'development', PORT: '3204', ...keys };
    const config = resolvePaymentsConfig(env);
    expect(config.mode === 'emulator' && config.appUrl).toBe('http://localhost:3204');
    expect(defaultAppUrl(env)).toBe(siteUrl(env));
  });

  it('follows APP_URL when set', () => {
    const config = resolvePaymentsConfig({ NODE_ENV: 'development', PORT: '3204', APP_URL: 'http://127.0.0.1:3100', ...keys });
    expect(config.mode === 'emulator' && config.appUrl).toBe('http://127.0.0.1:3100');
  });
});
