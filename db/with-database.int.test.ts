import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyPassword } from 'better-auth/crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const name = `inbound_launcher_${Date.now()}`;
const serverUrl = inject('databaseUrl');
const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

afterAll(async () => {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

function launch(...args: string[]) {
  return launchWith({ ADMIN_EMAIL: 'first.owner@example.com', ADMIN_PASSWORD: 'a long enough password' }, ...args);
}

function launchWith(extraEnv: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(root, 'db/with-database.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, ADMIN_EMAIL: '', ADMIN_PASSWORD: '', BETTER_AUTH_SECRET: '', ...extraEnv },
    timeout: 120_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

describe('npm run dev / npm start on an empty database', () => {
  it('migrates, loads the demo catalog, creates the first owner, then starts the command with the database', async () => {
    await admin.unsafe(`create database "${name}"`);
    const run = launch('tsx', 'test/fixtures/report-database.mts');
    expect(run.status, run.err).toBe(0);
    expect(run.out).toContain('Loaded the demo catalog into an empty store.');
    const report = JSON.parse(run.out.trim().split('\n').pop()!);
    expect(report.products).toBeGreaterThanOrEqual(12);
    expect(report.owners).toBe(1);
    // A session secret is made (and kept under .data/) when none is configured.
    expect(report.secret).toBeGreaterThanOrEqual(32);
  });

  it('leaves a store that has products alone on the next start', () => {
    const run = launch('tsx', 'test/fixtures/report-database.mts');
    expect(run.status, run.err).toBe(0);
    expect(run.out).not.toContain('Loaded the demo catalog');
    expect(run.out).not.toContain('Created the owner account');
  });
});

describe('npm start without Stripe keys', () => {
  const noKeys = { STRIPE_SECRET_KEY: '', NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: '', STRIPE_WEBHOOK_SECRET: '', STRIPE_EMULATOR: '' };
  const refusal =
    'Refusing to start: No Stripe keys are set. Set STRIPE_SECRET_KEY, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or STRIPE_EMULATOR=1 to run the built-in test-mode emulator.';

  it('refuses `next start` (a production server) with one line saying what to set, before anything starts', () => {
    const run = launchWith(noKeys, 'next', 'start', '--port', '1');
    expect(run.status).toBe(1);
    expect(run.err.trim()).toBe(refusal);
    const production = launchWith({ ...noKeys, NODE_ENV: 'production' }, 'tsx', 'test/fixtures/report-database.mts');
    expect(production.status).toBe(1);
    expect(production.err.trim()).toBe(refusal);
  });

  it('runs with STRIPE_EMULATOR=1 (the built-in test-mode emulator)', () => {
    const run = launchWith({ ...noKeys, NODE_ENV: 'production', STRIPE_EMULATOR: '1' }, 'tsx', 'test/fixtures/report-database.mts');
    expect(run.status, run.err).toBe(0);
  });
});

describe('settings in .env files', () => {
  it('count before anything is checked: STRIPE_EMULATOR=1 in .env.local lets `npm start` run without Stripe keys', () => {
    // A copy of the project (links to it) in which only the .env.local is new.
    const copy = mkdtempSync(path.join(tmpdir(), 'inbound-env-'));
    try {
      for (const name of ['db', 'lib', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(path.join(root, name), path.join(copy, name));
      const env: Record<string, string | undefined> = {
        ...process.env,
        DATABASE_URL: url,
        NODE_ENV: 'production',
        ADMIN_EMAIL: '',
        ADMIN_PASSWORD: '',
        BETTER_AUTH_SECRET: '',
      };
      // Unset, not empty: a variable set in the environment, even to '', wins over the .env files.
      for (const key of ['STRIPE_SECRET_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_EMULATOR']) delete env[key];
      const launchCopy = () =>
        spawnSync(
          process.execPath,
          [
            '--preserve-symlinks',
            '--preserve-symlinks-main',
            '--conditions=react-server',
            '--import',
            'tsx',
            path.join(copy, 'db/with-database.ts'),
            'node',
            '-e',
            '',
          ],
          { cwd: copy, encoding: 'utf8', env: env as NodeJS.ProcessEnv, timeout: 120_000 },
        );
      const refused = launchCopy();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('Refusing to start: No Stripe keys are set.');

      writeFileSync(path.join(copy, '.env.local'), 'STRIPE_EMULATOR=1\n');
      const run = launchCopy();
      expect(run.status, run.stderr).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('npm run admin:create', () => {
  it('without ADMIN_EMAIL and ADMIN_PASSWORD creates an owner and prints a one-time password that works', async () => {
    const run = launchWith({}, '--admin-create');
    expect(run.status, run.err).toBe(0);
    expect(run.out).toContain('Email:    owner@inbound.local');
    const password = run.out.match(/Password: (\S+)/)![1]!;
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const [row] = await db`select a.password, u.role from auth_accounts a join auth_users u on u.id = a.user_id where u.email = 'owner@inbound.local'`;
    await db.end();
    expect(row!.role).toBe('owner');
    expect(await verifyPassword({ hash: row!.password, password })).toBe(true);

    // Run again: a new one-time password replaces the old one.
    const again = launchWith({}, '--admin-create');
    const next = again.out.match(/Password: (\S+)/)![1]!;
    expect(next).not.toBe(password);
  });
});
