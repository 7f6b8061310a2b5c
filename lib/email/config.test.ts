import { describe, expect, it } from 'vitest';
import { EmailConfigError, checkEmailConfig, emailFrom, messageIdDomain, storeIdentity, transportConfig, workerSettings } from './config';

describe('email configuration', () => {
  it('uses the dev mailbox without SMTP_URL, and SMTP with a smtp:// or smtps:// URL', () => {
    expect(transportConfig({})).toEqual({ kind: 'dev-mailbox' });
    expect(transportConfig({ SMTP_URL: '  ' })).toEqual({ kind: 'dev-mailbox' });
    expect(transportConfig({ SMTP_URL: 'smtp://u:p@mail.example.com:587' })).toEqual({ kind: 'smtp', url: 'smtp://u:p@mail.example.com:587' });
    expect(transportConfig({ SMTP_URL: 'smtps://mail.example.com:465' })).toMatchObject({ kind: 'smtp' });
    expect(() => transportConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => transportConfig({ SMTP_URL: 'not a url' })).toThrow(EmailConfigError);
  });

  it('sends from EMAIL_FROM, or from orders@ the public host', () => {
    expect(emailFrom({ APP_URL: 'https://shop.example.com/' })).toBe('Inbound <orders@shop.example.com>');
    expect(emailFrom({ EMAIL_FROM: 'Shop <hello@example.com>' })).toBe('Shop <hello@example.com>');
    expect(emailFrom({ EMAIL_FROM: 'hello@example.com' })).toBe('hello@example.com');
    expect(() => emailFrom({ EMAIL_FROM: 'nobody' })).toThrow(/EMAIL_FROM/);
    expect(() => emailFrom({ EMAIL_FROM: 'a@b.com\r\nBcc: x@y.com' })).toThrow(/EMAIL_FROM/);
    expect(messageIdDomain({ APP_URL: 'https://shop.example.com' })).toBe('shop.example.com');
  });

  it('takes the store address and colours from the environment, refusing colours that are not #rrggbb', () => {
    const identity = storeIdentity({ STORE_ADDRESS: ' 1 Mill Lane,\n Leeds ', STORE_BRAND_COLOR: '#AABBCC', APP_URL: 'https://shop.example.com/' });
    expect(identity).toMatchObject({ name: 'Inbound', address: '1 Mill Lane, Leeds', siteUrl: 'https://shop.example.com', colors: { brand: '#aabbcc' } });
    expect(() => storeIdentity({ STORE_ACCENT_COLOR: 'red' })).toThrow(/STORE_ACCENT_COLOR/);
  });

  it('reads the worker settings, with fault injection never in production', () => {
    expect(workerSettings({})).toEqual({
      inApp: true,
      concurrency: 2,
      expireInSeconds: 60,
      maintenanceIntervalSeconds: 30,
      pauseAfterAcceptMs: undefined,
      chargeRecoveryAfterSeconds: 30,
      shipLanes: 4,
      shipClaimSeconds: 120,
    });
    expect(workerSettings({ SHIP_BATCH_LANES: '0', SHIP_BATCH_CLAIM_SECONDS: '5' })).toMatchObject({ shipLanes: 0, shipClaimSeconds: 5 });
    expect(workerSettings({ SHIPPING_RECOVERY_AFTER_SECONDS: '0' }).chargeRecoveryAfterSeconds).toBe(0);
    expect(() => workerSettings({ SHIPPING_RECOVERY_AFTER_SECONDS: '-1' })).toThrow(/SHIPPING_RECOVERY_AFTER_SECONDS/);
    expect(workerSettings({ EMAIL_WORKER: 'OFF', EMAIL_WORKER_CONCURRENCY: '4' })).toMatchObject({ inApp: false, concurrency: 4 });
    expect(workerSettings({ EMAIL_WORKER_PAUSE_AFTER_ACCEPT_MS: '500' }).pauseAfterAcceptMs).toBe(500);
    expect(workerSettings({ EMAIL_WORKER_PAUSE_AFTER_ACCEPT_MS: '500', NODE_ENV: 'production' }).pauseAfterAcceptMs).toBeUndefined();
    expect(() => workerSettings({ EMAIL_WORKER: 'maybe' })).toThrow(/EMAIL_WORKER/);
    expect(() => workerSettings({ EMAIL_WORKER_CONCURRENCY: '0' })).toThrow(/EMAIL_WORKER_CONCURRENCY/);
    expect(() => workerSettings({ EMAIL_WORKER_EXPIRE_SECONDS: '1.5' })).toThrow(/EMAIL_WORKER_EXPIRE_SECONDS/);
    expect(() => checkEmailConfig({ SMTP_URL: 'ftp://x' })).toThrow(EmailConfigError);
    expect(() => checkEmailConfig({ SMTP_URL: 'smtp://mail.example.com', NODE_ENV: 'production' })).toThrow(/APP_URL/);
    expect(() => checkEmailConfig({ SMTP_URL: 'smtp://mail.example.com', NODE_ENV: 'production', APP_URL: 'https://shop.example.com' })).not.toThrow();
    expect(() => checkEmailConfig({ NODE_ENV: 'production' })).not.toThrow();
  });
});
