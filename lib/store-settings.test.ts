import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '@/instrumentation';
import { handlingDays } from '@/lib/purchasing/handling-days';

describe('HANDLING_DAYS', () => {
  it('is 2 days unless set, a whole number of days from 0 to 99', () => {
    expect(handlingDays({})).toBe(2);
    expect(handlingDays({ HANDLING_DAYS: ' ' })).toBe(2);
    expect(handlingDays({ HANDLING_DAYS: '0' })).toBe(0);
    expect(handlingDays({ HANDLING_DAYS: ' 5 ' })).toBe(5);
    for (const bad of ['-1', '1.5', '100', 'two', '5d']) {
      expect(() => handlingDays({ HANDLING_DAYS: bad }), bad).toThrow(`HANDLING_DAYS must be a whole number of days from 0 to 99; got "${bad}".`);
    }
  });
});

describe('a server starting with a bad store setting (instrumentation.ts register())', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  function start(extra: Record<string, string>) {
    delete process.env.DATABASE_URL;
    Object.assign(process.env, { NEXT_RUNTIME: 'nodejs', STRIPE_EMULATOR: '1' }, extra);
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    return { exit, error };
  }

  it('stops with one line saying which setting is wrong', async () => {
    const { exit, error } = start({ HANDLING_DAYS: 'two' });
    await expect(register()).rejects.toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalledWith('Refusing to start: HANDLING_DAYS must be a whole number of days from 0 to 99; got "two".');

    const second = start({ SHIPPING_FLAT_RATE_CENTS: '4.99' });
    await expect(register()).rejects.toThrow('exit 1');
    expect(second.error).toHaveBeenCalledWith('Refusing to start: SHIPPING_FLAT_RATE_CENTS must be a whole number of cents such as 500; got "4.99".');
  });

  it('starts with good settings', async () => {
    const { exit } = start({ HANDLING_DAYS: '5', SHIPPING_FLAT_RATE_CENTS: '700' });
    await expect(register()).resolves.toBeUndefined();
    expect(exit).not.toHaveBeenCalled();
  });
});
