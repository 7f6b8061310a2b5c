import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';

const post = (headers: Record<string, string>) => new Request('http://shop.example/admin/products/save', { method: 'POST', headers });

describe('isSameOrigin (staff form routes)', () => {
  it("accepts this site's Origin", () => {
    expect(isSameOrigin(post({ host: 'shop.example', origin: 'http://shop.example' }))).toBe(true);
    expect(isSameOrigin(post({ host: 'internal:3000', 'x-forwarded-host': 'shop.example', origin: 'https://shop.example' }))).toBe(true);
  });

  it('refuses another Origin, or one that is not a URL', () => {
    expect(isSameOrigin(post({ host: 'shop.example', origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(post({ host: 'shop.example', origin: 'null' }))).toBe(false);
  });

  it('refuses a request with no Origin unless the browser says it is same-origin', () => {
    expect(isSameOrigin(post({ host: 'shop.example' }))).toBe(false);
    expect(isSameOrigin(post({ host: 'shop.example', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOrigin(post({ host: 'shop.example', 'sec-fetch-site': 'same-origin' }))).toBe(true);
  });
});
