/**
 * Browser tests against a production build: a fresh database with the demo catalog,
 * `next build`, `next start`, then Playwright. Arguments are passed to `playwright test`.
 * E2E_SKIP_BUILD=1 reuses the last build.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { eq } from 'drizzle-orm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../db/connect';
import { randomBytes } from 'node:crypto';
import { seedDemoCatalog } from '../db/seed';
import { createStaffAccount, generatePassword } from '../lib/auth/staff-accounts';
import { authUsers } from '../db/schema';
import { createTestDatabase } from '../db/test-database';
import { todayUtc } from '../lib/catalog/dates';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const port = Number(process.env.E2E_PORT ?? 3100);
const baseUrl = `http://127.0.0.1:${port}`;

async function waitForHealth(server: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not become healthy at ${baseUrl} within ${timeoutMs} ms`);
}

async function main(): Promise<number> {
  const database = await createTestDatabase('e2e');
  let server: ChildProcess | null = null;
  try {
    const { sql, db } = connect(database.url, { max: 1 });
    await seedDemoCatalog(db, todayUtc());
    // Accounts the specs sign in with: an owner, a staff member, and a shopper (who must be refused).
    const accounts = {
      E2E_OWNER_EMAIL: 'owner@e2e.test',
      E2E_STAFF_EMAIL: 'staff@e2e.test',
      E2E_SHOPPER_EMAIL: 'shopper@e2e.test',
      E2E_PASSWORD: generatePassword(),
    };
    await createStaffAccount({ email: accounts.E2E_OWNER_EMAIL, name: 'E2E Owner', password: accounts.E2E_PASSWORD, role: 'owner' }, db);
    await createStaffAccount({ email: accounts.E2E_STAFF_EMAIL, name: 'E2E Staff', password: accounts.E2E_PASSWORD, role: 'staff' }, db);
    await createStaffAccount({ email: accounts.E2E_SHOPPER_EMAIL, name: 'E2E Shopper', password: accounts.E2E_PASSWORD, role: 'staff' }, db);
    await db.update(authUsers).set({ role: 'customer' }).where(eq(authUsers.email, accounts.E2E_SHOPPER_EMAIL));
    await sql.end();

    const env = {
      ...process.env,
      ...accounts,
      DATABASE_URL: database.url,
      APP_URL: baseUrl,
      BASE_URL: baseUrl,
      BETTER_AUTH_SECRET: randomBytes(48).toString('base64url'),
      // A production server runs the Stripe emulator only when told to (it refuses to start otherwise);
      // its test controls (expire a saved card) are off in production builds by default.
      STRIPE_EMULATOR: '1',
      STRIPE_EMULATOR_CONTROLS: '1',
    };
    if (process.env.E2E_SKIP_BUILD !== '1') {
      const build = spawnSync(bin('next'), ['build'], { cwd: root, stdio: 'inherit', env });
      if (build.status !== 0) return build.status ?? 1;
    }
    // server.mjs, as `npm start` runs it: it records each request's client address (lib/security).
    server = spawn(process.execPath, ['server.mjs', 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    });
    await waitForHealth(server);

    const tests = spawn(bin('playwright'), ['test', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
      // Specs call the app's own lib/ modules, which are marked server-only.
      env: { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=react-server`.trim() },
    });
    return await new Promise<number>((resolve) => tests.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await database.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
