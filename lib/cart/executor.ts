import type { Database } from '@/db/client';

/** The database or a transaction on it: the query builders both share. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;

/** A transaction, as `database.transaction(async (tx) => ...)` hands it out. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
