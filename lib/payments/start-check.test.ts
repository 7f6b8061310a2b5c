import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '@/instrumentation';
import { NO_STRIPE_KEYS_IN_PRODUCTION } from './config';

const KEYS = ['STRIPE_SECRET_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_EMULATOR', 'DATABASE_URL', 'NEXT_PHASE'];

describe('a bare `next start` (instrumentation.ts register())', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  function startAsProduction(extra: Record<string, string> = {}) {
    for (const key of KEYS) delete process.env[key];
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production', STRIPE_EMULATOR_SECRET_KEY: `sk_test_${'s'.repeat(32)}` }, extra);
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    return { exit, error };
  }

  it('exits non-zero without Stripe keys and without STRIPE_EMULATOR=1, printing what to set', async () => {
    const { exit, error } = startAsProduction();
    await expect(register()).rejects.toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith(`Refusing to start: ${NO_STRIPE_KEYS_IN_PRODUCTION}`);
  });

  it('starts with STRIPE_EMULATOR=1, and with Stripe keys', async () => {
    const { exit } = startAsProduction({ STRIPE_EMULATOR: '1', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
    await expect(register()).resolves.toBeUndefined();
    startAsProduction({ STRIPE_SECRET_KEY: 'sk_test_1', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' });
    await expect(register()).resolves.toBeUndefined();
    expect(exit).not.toHaveBeenCalled();
  });
});
