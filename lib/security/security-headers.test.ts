import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.mjs';

describe('securityHeaders', () => {
  it('forbids framing and sniffing and limits referrers, everywhere', () => {
    expect(securityHeaders('http://localhost:3000')).toEqual({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
    });
  });

  it('adds HSTS only when the store is served over https', () => {
    expect(securityHeaders('https://shop.example.com')['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(securityHeaders('http://shop.example.com')).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(undefined)).not.toHaveProperty('Strict-Transport-Security');
  });
});
