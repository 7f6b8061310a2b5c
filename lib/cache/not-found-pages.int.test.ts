import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConnection } from '@/test/database';

type Handler = {
  get(key: string, ctx?: unknown): Promise<{ value: unknown } | null>;
  set(key: string, data: unknown, ctx?: unknown): Promise<void>;
};
const { sql: pool } = testConnection();
let handler: Handler;
const entries = () => (globalThis as unknown as { __inboundPageCache: { entries: Map<string, unknown> } }).__inboundPageCache.entries;

// The shape Next.js stores for an app page render (build/templates/app-page-runtime.js).
const render = (status: number | undefined, tags: string) => ({ kind: 'APP_PAGE', html: '<p>page</p>', headers: { 'x-next-cache-tags': tags }, status });

beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  const { default: InboundCacheHandler } = await import('./isr-cache-handler.mjs');
  handler = new InboundCacheHandler() as Handler;
});
afterAll(() => pool.end());

describe('page cache and unknown product slugs', () => {
  it('stores no "not found" render, so made-up slugs neither add entries nor push real pages out', async () => {
    await handler.set('/products/real-mug', render(200, 'product:real-mug'), {});
    await handler.set('/products/plain', render(undefined, 'product:plain'), {});
    const size = entries().size;
    for (let i = 0; i < 6000; i++) await handler.set(`/products/made-up-${i}`, render(404, `product:made-up-${i}`), {});
    expect(entries().size).toBe(size);
    expect(await handler.get('/products/real-mug')).not.toBeNull();
    expect(await handler.get('/products/plain')).not.toBeNull();
    expect(await handler.get('/products/made-up-1')).toBeNull();
  });

  it('drops the stored page of a product that is now "not found", so it is not served again', async () => {
    await handler.set('/products/retired-mug', render(200, 'product:retired-mug'), {});
    expect(await handler.get('/products/retired-mug')).not.toBeNull();
    await handler.set('/products/retired-mug', render(404, 'product:retired-mug'), {});
    expect(await handler.get('/products/retired-mug')).toBeNull();
  });
});
