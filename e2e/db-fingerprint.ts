/**
 * A fingerprint of every row a request could change, for specs that prove a request changed
 * nothing (e2e/admin-access.spec.ts, e2e/malformed-input.spec.ts). Sessions and the counters that
 * refusals themselves write (sign-in failures, rate limits) are left out: they change by design.
 */
import { testDb } from './db';

const UNFINGERPRINTED = ['auth_sessions', 'auth_rate_limits', 'sign_in_failures', 'rate_limits'];

/** One line per table: `name=<rows>:<md5 of the rows>`. */
export async function databaseFingerprint(): Promise<string> {
  const { sql: pg } = testDb();
  const tables = await pg<{ table_name: string }[]>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and not (table_name = any(${UNFINGERPRINTED}))
    order by table_name`;
  const parts = await Promise.all(
    tables.map(async ({ table_name }) => {
      const [row] = await pg.unsafe(`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as f from "${table_name}" t`);
      return `${table_name}=${row!.f}`;
    }),
  );
  return parts.join('\n');
}

/** The tables whose fingerprint differs, for a failure message. */
export function changedTables(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after
    .split('\n')
    .filter((line) => !old.has(line))
    .map((line) => line.slice(0, line.indexOf('=')));
}
