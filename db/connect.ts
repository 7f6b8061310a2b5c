import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema>;
export type Connection = { sql: postgres.Sql; db: Database };

/** Opens a pool. The app uses db/client.ts; scripts and tests open their own. */
export function connect(url: string, options: postgres.Options<Record<string, never>> = {}): Connection {
  const sql = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {}, ...options });
  return { sql, db: drizzle(sql, { schema, casing: 'snake_case' }) };
}

/** A transaction, as `database.transaction(async (tx) => ...)` hands it out. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The database or a transaction on it: the query builders both share. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
