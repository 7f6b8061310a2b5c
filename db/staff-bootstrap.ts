import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './connect';
import { createStaffAccount, generatePassword, resetStaffPassword } from '../lib/auth/staff-accounts';

export const DEFAULT_OWNER_EMAIL = 'owner@inbound.local';

/** The session-signing secret: BETTER_AUTH_SECRET, or one generated once and kept under .data/. */
export function authSecret(dataDir: string): string {
  if (process.env.BETTER_AUTH_SECRET) return process.env.BETTER_AUTH_SECRET;
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** On start: the first owner from ADMIN_EMAIL and ADMIN_PASSWORD, when both are set. */
export async function ensureOwnerFromEnv(db: Database): Promise<void> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = process.env;
  if (!email || !password) return;
  if (await createStaffAccount({ email, password, name: 'Owner', role: 'owner' }, db)) {
    console.log(`Created the owner account ${email} (from ADMIN_EMAIL and ADMIN_PASSWORD).`);
  }
}

/**
 * `npm run admin:create`: an owner from ADMIN_EMAIL/ADMIN_PASSWORD, or else an owner (by default
 * owner@inbound.local) with a generated one-time password that is printed once. Run again
 * without a password, it sets a new one-time password for that account.
 */
export async function createOwnerCommand(db: Database): Promise<void> {
  const email = process.env.ADMIN_EMAIL || DEFAULT_OWNER_EMAIL;
  const given = process.env.ADMIN_PASSWORD || undefined;
  const password = given ?? generatePassword();
  if (await createStaffAccount({ email, password, name: 'Owner', role: 'owner' }, db)) {
    console.log(`Created the owner account.`);
  } else if (given) {
    console.log(`An account for ${email} already exists; it was left unchanged.`);
    return;
  } else {
    await resetStaffPassword(email, password, db);
    console.log(`The owner account already existed; it has a new one-time password.`);
  }
  console.log(`\n  Sign in at /admin/sign-in\n  Email:    ${email}\n  Password: ${given ? '(the one in ADMIN_PASSWORD)' : password}\n`);
  if (!given) console.log('This password is shown only once. Keep it somewhere safe.');
}
