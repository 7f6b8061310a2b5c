import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, stampClientAddress, trustedProxyHops } from './client-address-stamp.mjs';

describe('resolveClientAddress', () => {
  it('uses the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('10.0.0.7', '203.0.113.9', 0)).toBe('10.0.0.7');
    expect(resolveClientAddress('::ffff:10.0.0.7', '203.0.113.9, 198.51.100.1', 0)).toBe('10.0.0.7');
  });

  it('counts trusted proxies from the right of X-Forwarded-For', () => {
    // The client forged the first entry; the one proxy appended what it saw.
    expect(resolveClientAddress('10.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.1', ['6.6.6.6', '203.0.113.9, 10.0.0.2'], 2)).toBe('203.0.113.9');
    // Fewer entries than proxies: the leftmost, which a trusted proxy wrote.
    expect(resolveClientAddress('10.0.0.1', '203.0.113.9', 3)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.1', '[2001:db8::1]:4711', 1)).toBe('2001:db8::1');
    expect(resolveClientAddress('10.0.0.1', '203.0.113.9:4711', 1)).toBe('203.0.113.9');
  });

  it('falls back to the socket when the trusted entry is missing or not an address', () => {
    expect(resolveClientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', ' , ', 1)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', 'evil, <script>', 1)).toBe('10.0.0.1');
  });
});

describe('TRUSTED_PROXY_HOPS', () => {
  it('defaults to 0 and accepts small whole numbers only', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops('')).toBe(0);
    expect(trustedProxyHops(' 2 ')).toBe(2);
    for (const bad of ['-1', '1.5', 'two', '11', 'true']) expect(() => trustedProxyHops(bad), bad).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe('stampClientAddress over real HTTP', () => {
  let server: Server | null = null;
  afterEach(() => server?.close());

  async function serve(hops: number): Promise<number> {
    server = createServer((req, res) => {
      stampClientAddress(req, hops);
      res.end(String(req.headers[CLIENT_ADDRESS_HEADER]));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  function get(port: number, localAddress: string, headers: Record<string, string | string[]>): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, localAddress, headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('replaces a forged X-Forwarded-For and a forged private header with the socket address', async () => {
    const port = await serve(0);
    const forged = { 'x-forwarded-for': '198.51.100.23', [CLIENT_ADDRESS_HEADER]: ['198.51.100.24', '198.51.100.25'] };
    expect(await get(port, '127.0.0.5', forged)).toBe('127.0.0.5');
    expect(await get(port, '127.0.0.6', forged)).toBe('127.0.0.6');
  });

  it('with one trusted proxy, takes the address that proxy appended', async () => {
    const port = await serve(1);
    expect(await get(port, '127.0.0.5', { 'x-forwarded-for': '198.51.100.23, 203.0.113.9', [CLIENT_ADDRESS_HEADER]: '1.1.1.1' })).toBe('203.0.113.9');
    expect(await get(port, '127.0.0.5', {})).toBe('127.0.0.5');
  });
});
