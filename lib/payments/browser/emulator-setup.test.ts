import { describe, expect, it } from 'vitest';
import { confirmEmulatedSetup, finishEmulatedSetupAuthentication, NETWORK_ERROR, setupIntentIdFromClientSecret } from './emulator-setup';

const clientSecret = 'seti_ABC123_secret_xyz789';
const publishableKey = 'pk_test_inbound_emulator';
const card = { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' };

type Call = { url: string; init?: RequestInit };

function fakeFetch(...responses: { status: number; body: unknown }[]) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(next.body), { status: next.status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

describe('setupIntentIdFromClientSecret', () => {
  it('reads the id as Stripe.js does', () => {
    expect(setupIntentIdFromClientSecret(clientSecret)).toBe('seti_ABC123');
    expect(setupIntentIdFromClientSecret('pi_1_secret_2')).toBeNull();
    expect(setupIntentIdFromClientSecret('seti_1')).toBeNull();
  });
});

describe('confirmEmulatedSetup', () => {
  it('posts the card form-encoded with the publishable key and client secret, as Stripe.js does', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: { id: 'seti_ABC123', status: 'succeeded' } });
    const result = await confirmEmulatedSetup({ clientSecret, publishableKey, card, fetch });
    expect(result).toEqual({ status: 'succeeded', setupIntentId: 'seti_ABC123' });
    expect(calls[0]!.url).toBe('/v1/setup_intents/seti_ABC123/confirm');
    expect(calls[0]!.init?.method).toBe('POST');
    expect((calls[0]!.init?.headers as Record<string, string>)['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(calls[0]!.init?.body)))).toEqual({
      key: publishableKey,
      client_secret: clientSecret,
      'payment_method_data[type]': 'card',
      'payment_method_data[card][number]': '4242424242424242',
      'payment_method_data[card][exp_month]': '12',
      'payment_method_data[card][exp_year]': '2034',
      'payment_method_data[card][cvc]': '123',
    });
  });

  it('asks for authentication when the card needs 3D Secure', async () => {
    const { fetch } = fakeFetch({ status: 200, body: { id: 'seti_ABC123', status: 'requires_action', next_action: { type: 'redirect_to_url' } } });
    expect(await confirmEmulatedSetup({ clientSecret, publishableKey, card, fetch })).toEqual({ status: 'requires_action', setupIntentId: 'seti_ABC123' });
  });

  it("shows a decline's message and codes", async () => {
    const { fetch } = fakeFetch({
      status: 402,
      body: { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } },
    });
    expect(await confirmEmulatedSetup({ clientSecret, publishableKey, card, fetch })).toEqual({
      status: 'failed',
      message: 'Your card has insufficient funds.',
      code: 'card_declined',
      declineCode: 'insufficient_funds',
    });
  });

  it('reports an already saved SetupIntent as saved (a second tab, or a reload)', async () => {
    const { fetch, calls } = fakeFetch(
      {
        status: 400,
        body: { error: { code: 'setup_intent_unexpected_state', message: 'You cannot confirm this SetupIntent because it has a status of succeeded.' } },
      },
      { status: 200, body: { id: 'seti_ABC123', status: 'succeeded' } },
    );
    expect(await confirmEmulatedSetup({ clientSecret, publishableKey, card, fetch })).toEqual({ status: 'succeeded', setupIntentId: 'seti_ABC123' });
    expect(calls[1]!.url).toBe(`/v1/setup_intents/seti_ABC123?key=${publishableKey}&client_secret=${clientSecret}`);
    expect(calls[1]!.init?.method).toBe('GET');
  });

  it('says so when the emulator cannot be reached', async () => {
    const { fetch } = fakeFetch();
    const result = await confirmEmulatedSetup({ clientSecret, publishableKey, card, fetch });
    expect(result).toMatchObject({ status: 'failed', code: NETWORK_ERROR });
    expect(result.status === 'failed' && result.message).toMatch(/could not reach the payment service/);
  });

  it('refuses a client secret that is not a SetupIntent', async () => {
    await expect(confirmEmulatedSetup({ clientSecret: 'pi_1_secret_2', publishableKey, card, fetch: fakeFetch().fetch })).rejects.toThrow(
      /SetupIntent client secret/,
    );
  });
});

describe('finishEmulatedSetupAuthentication', () => {
  it('completes with the publishable key and client secret', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: { id: 'seti_ABC123', status: 'succeeded' } });
    expect(await finishEmulatedSetupAuthentication({ clientSecret, publishableKey, outcome: 'complete', fetch })).toEqual({
      status: 'succeeded',
      setupIntentId: 'seti_ABC123',
    });
    expect(calls[0]!.url).toBe('/v1/emulator/authentications/seti_ABC123/complete');
    expect(String(calls[0]!.init?.body)).toBe(`key=${publishableKey}&client_secret=${clientSecret}`);
  });

  it("turns a failed authentication into the SetupIntent's error", async () => {
    const { fetch } = fakeFetch({
      status: 200,
      body: {
        id: 'seti_ABC123',
        status: 'requires_payment_method',
        last_setup_error: { code: 'setup_intent_authentication_failure', message: 'We are unable to authenticate your payment method.' },
      },
    });
    expect(await finishEmulatedSetupAuthentication({ clientSecret, publishableKey, outcome: 'fail', fetch })).toEqual({
      status: 'failed',
      message: 'We are unable to authenticate your payment method.',
      code: 'setup_intent_authentication_failure',
      declineCode: null,
    });
  });
});
