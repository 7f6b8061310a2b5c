/**
 * A fresh database for one test run, on the server at DATABASE_URL or on an embedded
 * PostgreSQL of its own (.data/test-postgres, another port than the dev server's).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { startEmbeddedPostgres } from './embedded';
import { migrateDatabase } from './migrate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TEST_EMBEDDED_PORT = 54339;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: path.join(root, '.data', 'test-postgres'),
        port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? TEST_EMBEDDED_PORT),
        log: () => {},
      });
  const serverUrl = process.env.DATABASE_URL ?? embedded!.url('postgres');
  const name = `inbound_${label}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end({ timeout: 5 });
  const url = withDatabase(serverUrl, name);
  await migrateDatabase(url);
  return {
    url,
    async drop() {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end({ timeout: 5 });
        await embedded?.stop();
      }
    },
  };
}
