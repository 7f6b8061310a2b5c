import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The emulator's API keys and webhook secret, one set per installation: never constants in the
 * source, so nobody can call an installed emulator's /v1 API as the server, or sign webhooks to
 * it, from what is public. Like `.data/auth-secret` (db/staff-bootstrap.ts): generated once into
 * `.data/stripe-emulator-keys.json` (mode 0600), or taken from STRIPE_EMULATOR_SECRET_KEY and
 * STRIPE_WEBHOOK_SECRET (set both when several app servers share one database).
 *
 * This file is the one part of the emulator that lib/payments/config.ts reads at every call, so
 * it stays small: no database, no handler.
 */

export interface EmulatorKeys {
  secretKey: string;
  /** Derived from the secret key (it opens only what Stripe lets a publishable key open). */
  publishableKey: string;
  webhookSecret: string;
}

type Env = Record<string, string | undefined>;

export class EmulatorKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorKeysError';
  }
}

export const EMULATOR_KEYS_FILE = path.join('.data', 'stripe-emulator-keys.json');

const cache = new Map<string, { secretKey: string; webhookSecret: string }>();

function generated(): { secretKey: string; webhookSecret: string } {
  return { secretKey: `sk_test_emu_${randomBytes(24).toString('hex')}`, webhookSecret: `whsec_emu_${randomBytes(24).toString('hex')}` };
}

function parse(file: string, text: string): { secretKey: string; webhookSecret: string } {
  const unusable = () => new EmulatorKeysError(`${file} does not hold the emulator's keys (it is empty or corrupt); delete it to generate new ones.`);
  let data: { secretKey?: unknown; webhookSecret?: unknown } | null;
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    // A half-written or emptied file: one clear line at start-up, not a SyntaxError's stack.
    throw unusable();
  }
  if (typeof data?.secretKey !== 'string' || typeof data.webhookSecret !== 'string') throw unusable();
  return { secretKey: data.secretKey, webhookSecret: data.webhookSecret };
}

/** Reads the installation's key file, creating it once. Concurrent first calls agree on one file. */
function installationKeys(file: string): { secretKey: string; webhookSecret: string } {
  const cached = cache.get(file);
  if (cached) return cached;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // Written whole under a temporary name, then linked into place: link fails if another
    // process got there first, and nobody ever reads half a file.
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
    writeFileSync(temporary, JSON.stringify(generated()), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(temporary);
    }
  }
  const keys = parse(file, readFileSync(file, 'utf8'));
  cache.set(file, keys);
  return keys;
}

export function publishableKeyFor(secretKey: string): string {
  return `pk_test_emu_${createHash('sha256').update(`inbound-emulator-publishable:${secretKey}`).digest('hex').slice(0, 32)}`;
}

/** The emulator's keys for this environment (the configured ones, or the installation's). */
export function emulatorKeys(env: Env, cwd: string = process.cwd()): EmulatorKeys {
  const configuredSecret = env.STRIPE_EMULATOR_SECRET_KEY?.trim() || undefined;
  const configuredWebhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() || undefined;
  if (configuredSecret && !/^sk_test_[A-Za-z0-9_]{24,}$/.test(configuredSecret)) {
    throw new EmulatorKeysError('STRIPE_EMULATOR_SECRET_KEY must look like a test secret key: sk_test_ and at least 24 letters or digits.');
  }
  const fromFile = configuredSecret && configuredWebhookSecret ? null : installationKeys(path.resolve(cwd, EMULATOR_KEYS_FILE));
  const secretKey = configuredSecret ?? fromFile!.secretKey;
  return { secretKey, publishableKey: publishableKeyFor(secretKey), webhookSecret: configuredWebhookSecret ?? fromFile!.webhookSecret };
}
