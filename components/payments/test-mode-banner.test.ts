import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TestModeBanner } from './test-mode-banner';

const STRIPE = { STRIPE_SECRET_KEY: 'sk_test_123', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_123' };
const render = (env: Record<string, string>) => {
  const element = TestModeBanner({ env });
  return element ? renderToStaticMarkup(element) : '';
};

describe('TestModeBanner', () => {
  it('says "Test mode: no real payments" in a named landmark while the emulator runs', () => {
    expect(render({ NODE_ENV: 'development' })).toBe(
      '<aside aria-label="Payments test mode" class="bg-amber-200 px-4 py-1 text-center text-sm font-medium text-amber-950"><p>Test mode: no real payments</p></aside>',
    );
    expect(render({ NODE_ENV: 'production', STRIPE_EMULATOR: '1' })).toContain('Test mode: no real payments');
    expect(render({ ...STRIPE, STRIPE_EMULATOR: '1' })).toContain('Test mode: no real payments');
  });

  it('renders nothing in Stripe mode, test keys or live', () => {
    expect(TestModeBanner({ env: STRIPE })).toBeNull();
    expect(TestModeBanner({ env: { ...STRIPE, NODE_ENV: 'production' } })).toBeNull();
    expect(
      TestModeBanner({
        env: { STRIPE_SECRET_KEY: 'sk_live_1', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: 'pk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1', NODE_ENV: 'production' },
      }),
    ).toBeNull();
  });
});
