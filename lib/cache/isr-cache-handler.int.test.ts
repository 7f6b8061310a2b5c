import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testConnection } from '@/test/database';
import { invalidateProducts } from './invalidate';

type Handler = {
  get(key: string, ctx?: unknown): Promise<{ value: unknown } | null>;
  set(key: string, data: unknown, ctx?: unknown): Promise<void>;
};

const { sql: pool, db } = testConnection();
let handler: Handler;

const page = (tags: string) => ({ kind: 'APP_PAGE', html: '<p>cached</p>', headers: { 'x-next-cache-tags': tags } });

beforeAll(async () => {
  process.env.DATABASE_URL = inject('databaseUrl');
  const { default: InboundCacheHandler } = await import('./isr-cache-handler.mjs');
  handler = new InboundCacheHandler() as Handler;
  await (globalThis as unknown as { __inboundPageCache: { listener: Promise<unknown> } }).__inboundPageCache.listener;
});
afterAll(() => pool.end());

describe('page cache', () => {
  it('serves a stored page until a change to its product is committed, from any process', async () => {
    await handler.set('/products/alpha', page('product:alpha,_N_T_/layout'), {});
    await handler.set('/products/beta', page('product:beta,_N_T_/layout'), {});
    await handler.set('catalog-data', { kind: 'FETCH', data: { body: '[]' } }, { fetchCache: true, tags: ['catalog'] });
    expect(await handler.get('/products/alpha')).not.toBeNull();

    // The change happens through the database, as a stock change on another server would.
    await db.transaction((tx) => invalidateProducts(tx, ['alpha']));

    await expect.poll(() => handler.get('/products/alpha'), { timeout: 2000 }).toBeNull();
    expect(await handler.get('catalog-data')).toBeNull();
    expect(await handler.get('/products/beta')).not.toBeNull();
  });

  it('does not trust a page stored right after a change: a render that began before it may be stale', async () => {
    await db.transaction((tx) => invalidateProducts(tx, ['gamma']));
    await new Promise((r) => setTimeout(r, 200));
    await handler.set('/products/gamma', page('product:gamma'), {});
    expect(await handler.get('/products/gamma')).toBeNull();

    await new Promise((r) => setTimeout(r, 1600));
    await handler.set('/products/gamma', page('product:gamma'), {});
    expect(await handler.get('/products/gamma')).not.toBeNull();
  });

  it('keeps pages when the transaction that would have changed them rolls back', async () => {
    await handler.set('/products/delta', page('product:delta'), {});
    await expect(
      db.transaction(async (tx) => {
        await invalidateProducts(tx, ['delta']);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await new Promise((r) => setTimeout(r, 300));
    expect(await handler.get('/products/delta')).not.toBeNull();
  });
});
