// The store's page cache (Next.js `cacheHandler`). Rendered product pages and cached catalog
// reads live in this process's memory; invalidations arrive from PostgreSQL NOTIFY, so a stock
// change made by any app server (or script) reaches every server within milliseconds.
// Plain JavaScript because Next.js loads it by path at run time, outside its bundler.
import postgres from 'postgres';

const CHANNEL = 'inbound_cache_invalidation'; // = CACHE_INVALIDATION_CHANNEL in lib/cache/tags.ts
const MAX_ENTRIES = 5000;
// A render that began before a change commits can finish after the notification arrives and
// store what it read before the change. Entries stored this soon after an invalidation of one
// of their tags are not trusted: the next request renders again.
const SETTLE_MS = 1500;

const state = (globalThis.__inboundPageCache ??= {
  entries: new Map(),
  invalidatedAt: new Map(),
  listener: null,
});

function markInvalidated(tags) {
  const now = Date.now();
  for (const tag of tags) state.invalidatedAt.set(tag, now);
}

function startListening() {
  const url = process.env.DATABASE_URL;
  if (state.listener || !url) return;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  state.listener = sql
    .listen(
      CHANNEL,
      (payload) => {
        try {
          const { tags } = JSON.parse(payload);
          if (Array.isArray(tags)) markInvalidated(tags.filter((t) => typeof t === 'string'));
        } catch {
          // Not ours; ignore.
        }
      },
      // On (re)connect we may have missed notifications: treat everything as changed.
      () => state.entries.clear(),
    )
    .catch((err) => {
      console.error('page cache: cannot listen for invalidations; caching disabled until restart', err);
      state.disabled = true;
    });
}

function tagsOf(data, ctx) {
  const tags = new Set(ctx?.tags ?? []);
  const header = data?.headers?.['x-next-cache-tags'];
  if (typeof header === 'string') for (const t of header.split(',')) if (t) tags.add(t);
  if (Array.isArray(data?.tags)) for (const t of data.tags) tags.add(t);
  return [...tags];
}

function isNotFound(data) {
  return (data?.kind === 'APP_PAGE' || data?.kind === 'PAGES' || data?.kind === 'APP_ROUTE') && data.status === 404;
}

function isInvalidated(tags, storedAt) {
  for (const tag of tags) {
    const at = state.invalidatedAt.get(tag);
    if (at !== undefined && storedAt < at + SETTLE_MS) return true;
  }
  return false;
}

export default class InboundCacheHandler {
  constructor() {
    startListening();
  }

  async get(key, ctx) {
    const entry = state.entries.get(key);
    if (!entry || state.disabled) return null;
    if (isInvalidated(entry.tags, entry.lastModified) || isInvalidated(ctx?.softTags ?? [], entry.lastModified)) {
      state.entries.delete(key);
      return null;
    }
    // Refresh its place in the LRU order.
    state.entries.delete(key);
    state.entries.set(key, entry);
    return { lastModified: entry.lastModified, value: entry.value, cacheControl: entry.cacheControl };
  }

  async set(key, data, ctx) {
    // Whatever was stored for this key is out of date now, kept or not.
    state.entries.delete(key);
    // A "not found" render (an unknown product slug: anyone can make up endless ones) is not
    // kept, so such requests cannot fill the cache and push real pages out of it.
    if (data === null || isNotFound(data)) return;
    state.entries.set(key, { value: data, lastModified: Date.now(), tags: tagsOf(data, ctx), cacheControl: ctx?.cacheControl });
    while (state.entries.size > MAX_ENTRIES) state.entries.delete(state.entries.keys().next().value);
  }

  async revalidateTag(tags) {
    markInvalidated([tags].flat());
  }

  resetRequestCache() {}
}
