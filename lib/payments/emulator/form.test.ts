import { describe, expect, it } from 'vitest';
import { FormParseError, parseStripeForm } from './form';
import { requestHash } from './idempotency';

describe('parseStripeForm', () => {
  it('reads nested keys the way stripe-node writes them', () => {
    const body =
      'amount=100&currency=usd&metadata[shipmentId]=a%20b%26c&off_session=true&expand[0]=customer&expand[1]=payment_method' +
      '&payment_method_data[type]=card&payment_method_data[card][number]=4242424242424242';
    expect(parseStripeForm(body)).toEqual({
      amount: '100',
      currency: 'usd',
      metadata: { shipmentId: 'a b&c' },
      off_session: 'true',
      expand: ['customer', 'payment_method'],
      payment_method_data: { type: 'card', card: { number: '4242424242424242' } },
    });
  });

  it('reads percent-encoded brackets, `[]` appends and + as space', () => {
    expect(parseStripeForm('metadata%5Bnote%5D=hello+there&allowed_payment_method_types[]=card&allowed_payment_method_types[]=link')).toEqual({
      metadata: { note: 'hello there' },
      allowed_payment_method_types: ['card', 'link'],
    });
  });

  it('orders array items by index and keeps empty values (Stripe uses them to unset)', () => {
    expect(parseStripeForm('expand[1]=b&expand[0]=a&metadata[gone]=')).toEqual({ expand: ['a', 'b'], metadata: { gone: '' } });
  });

  it('refuses names that mix a value with nested values, prototype keys and deep nesting', () => {
    expect(() => parseStripeForm('a=1&a[b]=2')).toThrow(FormParseError);
    expect(() => parseStripeForm('a[b]=2&a=1')).toThrow(FormParseError);
    expect(() => parseStripeForm('__proto__[polluted]=1')).toThrow(FormParseError);
    expect(() => parseStripeForm('metadata[constructor]=1')).toThrow(FormParseError);
    expect(() => parseStripeForm('a[b][c][d][e][f][g]=1')).toThrow(/nested too deeply/);
    expect(() => parseStripeForm('a]b=1')).toThrow(/Invalid parameter name/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads an empty body as no parameters', () => {
    expect(parseStripeForm('')).toEqual({});
  });
});

describe('requestHash (idempotency)', () => {
  it('is the same for the same parameters in any order, and differs otherwise', () => {
    const a = requestHash('POST', '/v1/payment_intents', parseStripeForm('amount=100&currency=usd&metadata[a]=1&metadata[b]=2'));
    const b = requestHash('POST', '/v1/payment_intents', parseStripeForm('metadata[b]=2&currency=usd&metadata[a]=1&amount=100'));
    const c = requestHash('POST', '/v1/payment_intents', parseStripeForm('amount=200&currency=usd&metadata[a]=1&metadata[b]=2'));
    const d = requestHash('POST', '/v1/setup_intents', parseStripeForm('amount=100&currency=usd&metadata[a]=1&metadata[b]=2'));
    expect(a).toBe(b);
    expect(new Set([a, c, d]).size).toBe(3);
  });
});
