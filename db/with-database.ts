/**
 * Runs a command (server.mjs dev|start, which runs Next.js) with a ready database: the server at DATABASE_URL, or
 * an embedded PostgreSQL under .data/ when none is set. Applies migrations, loads the demo
 * catalog into an empty store, then hands DATABASE_URL to the command.
 *
 *   tsx db/with-database.ts node server.mjs dev     start the app
 *   tsx db/with-database.ts --no-seed    migrate only (npm run db:migrate)
 *   tsx db/with-database.ts --seed       migrate and load the demo catalog (npm run db:seed)
 *   tsx db/with-database.ts --admin-create   create the first owner (npm run admin:create)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';
import { connect } from './connect';
import { DEFAULT_EMBEDDED_PORT, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrateDatabase } from './migrate';
import { seedDemoCatalog, seedIfEmpty } from './seed';
import { authSecret, createOwnerCommand, ensureOwnerFromEnv } from './staff-bootstrap';
import { todayUtc } from '../lib/catalog/dates';
import { PaymentsConfigError, resolvePaymentsConfig } from '../lib/payments/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const args = process.argv.slice(2);
  const flag = args[0]?.startsWith('--') ? args[0] : null;
  const seedMode = flag === '--seed' ? 'always' : flag ? 'never' : 'if-empty';
  const command = flag ? [] : args;
  const dataDir = path.join(root, '.data');
  const production = process.env.NODE_ENV === 'production' || command.includes('start');
  // The .env files, as Next.js loads them, so settings there count in the checks below (and reach
  // the command, which inherits them).
  nextEnv.loadEnvConfig(root, !production);
  if (command.length > 0) refuseUnsafePayments(production);

  let embedded: EmbeddedServer | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
    });
    await ensureDatabase(embedded.url('postgres'), 'inbound');
    url = embedded.url('inbound');
  }

  await migrateDatabase(url);
  const { sql, db } = connect(url, { max: 1 });
  try {
    if (seedMode === 'always') {
      const added = await seedDemoCatalog(db, todayUtc());
      console.log(`Demo catalog: added ${added.products} products, ${added.variants} variants.`);
    } else if (seedMode === 'if-empty' && (await seedIfEmpty(db))) {
      console.log('Loaded the demo catalog into an empty store.');
    }
    if (flag === '--admin-create') await createOwnerCommand(db);
    else if (command.length > 0) await ensureOwnerFromEnv(db);
  } finally {
    await sql.end({ timeout: 5 });
  }

  if (command.length === 0) {
    await embedded?.stop();
    return;
  }

  const [bin, ...rest] = command as [string, ...string[]];
  // `node server.mjs start|dev` (npm start, npm run dev) runs with this Node; anything else from node_modules/.bin.
  const child = spawn(bin === 'node' ? process.execPath : path.join(root, 'node_modules', '.bin', bin), rest, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url, BETTER_AUTH_SECRET: authSecret(dataDir) },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', async (code, signal) => {
    await embedded?.stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}

/**
 * Before anything starts: a configuration the app refuses stops here, with one line saying what
 * to set. `next start` runs with NODE_ENV=production, so it is checked as production (no Stripe
 * keys and no STRIPE_EMULATOR=1 is refused); `next dev` keeps the emulator by default.
 */
function refuseUnsafePayments(production: boolean): void {
  try {
    resolvePaymentsConfig({ ...process.env, ...(production ? { NODE_ENV: 'production' } : {}) });
  } catch (err) {
    if (!(err instanceof PaymentsConfigError)) throw err;
    console.error(`Refusing to start: ${err.message}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
