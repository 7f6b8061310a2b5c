import 'server-only';
import { connect, type Connection, type Database } from './connect';

export type { Database, Executor, Tx } from './connect';

// One pool per process, kept on globalThis so dev-server reloads do not open new pools.
const globalForDb = globalThis as unknown as { __inboundDb?: Connection };

function connection(): Connection {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set. Start the app with `npm run dev` or `npm start`, which provide one.');
  }
  globalForDb.__inboundDb ??= connect(url);
  return globalForDb.__inboundDb;
}

/** The app's database handle; it connects on first use, so `next build` needs no database. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = connection().db as unknown as Record<PropertyKey, unknown>;
    const value = real[prop];
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});
