/**
 * Email settings from the environment, checked once when the worker starts (a bad value stops it
 * with one line saying why):
 * - SMTP_URL: smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://...:465
 *   (TLS from the start). Unset: the dev mailbox (stored in PostgreSQL, read at /admin/emails).
 * - EMAIL_FROM: the sender, e.g. `Inbound <orders@example.com>`; default orders@<APP_URL's host>.
 * - STORE_ADDRESS: the postal address in every email's footer (commercial email must carry one).
 * - STORE_BRAND_COLOR, STORE_ACCENT_COLOR: #rrggbb colours of the email header and buttons.
 * - EMAIL_WORKER=off: app servers do not run the worker (run `npm run worker` processes instead).
 * - EMAIL_WORKER_CONCURRENCY (default 2), EMAIL_WORKER_EXPIRE_SECONDS (default 60: an attempt
 *   running longer counts as lost and is retried), EMAIL_WORKER_MAINTENANCE_SECONDS (default 30: how
 *   often lost attempts are looked for).
 */
import 'server-only';
import { STALE_CHARGING_SECONDS } from '@/lib/shipping/stale-charging';
import { STORE_NAME, siteUrl } from '@/lib/site';

type Env = Record<string, string | undefined>;

export class EmailConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailConfigError';
  }
}

/** The store as its emails present it. */
export interface StoreIdentity {
  name: string;
  /** The postal address for the footer, one line. */
  address: string;
  /** Public base URL, no trailing slash: links in emails are absolute. */
  siteUrl: string;
  colors: { brand: string; accent: string; text: string; muted: string; background: string };
}

export const DEFAULT_STORE_ADDRESS = 'Inbound, 100 Market Street, Springfield, OR 97477, United States';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

function color(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!HEX_COLOR.test(raw)) throw new EmailConfigError(`${name} must be a colour such as #2f6b45; got "${raw}".`);
  return raw.toLowerCase();
}

export function storeIdentity(env: Env = process.env): StoreIdentity {
  return {
    name: STORE_NAME,
    address: env.STORE_ADDRESS?.replace(/\s+/g, ' ').trim() || DEFAULT_STORE_ADDRESS,
    siteUrl: siteUrl(env),
    colors: {
      brand: color(env, 'STORE_BRAND_COLOR', '#245437'),
      accent: color(env, 'STORE_ACCENT_COLOR', '#2f6b45'),
      text: '#1c1917',
      muted: '#57534e',
      background: '#f5f5f4',
    },
  };
}

/** The envelope sender. */
export function emailFrom(env: Env = process.env): string {
  const raw = env.EMAIL_FROM?.trim();
  if (raw) {
    if (!/^[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>$|^[^<>\s@\r\n]+@[^<>\s@\r\n]+$/.test(raw)) {
      throw new EmailConfigError(`EMAIL_FROM must be an address such as orders@example.com or "Inbound <orders@example.com>"; got "${raw}".`);
    }
    return raw;
  }
  return `${STORE_NAME} <orders@${messageIdDomain(env)}>`;
}

/** The domain in Message-IDs: APP_URL's host. */
export function messageIdDomain(env: Env = process.env): string {
  return new URL(siteUrl(env)).hostname || 'localhost';
}

export type TransportConfig = { kind: 'smtp'; url: string } | { kind: 'dev-mailbox' };

export function transportConfig(env: Env = process.env): TransportConfig {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return { kind: 'dev-mailbox' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EmailConfigError('SMTP_URL must be a URL such as smtp://user:password@smtp.example.com:587 or smtps://...:465.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new EmailConfigError(`SMTP_URL must start with smtp:// or smtps://; got "${url.protocol}//".`);
  }
  if (!url.hostname) throw new EmailConfigError('SMTP_URL has no host.');
  return { kind: 'smtp', url: raw };
}

export interface WorkerSettings {
  /** Whether an app server runs the worker in its own process (instrumentation.ts). */
  inApp: boolean;
  concurrency: number;
  expireInSeconds: number;
  maintenanceIntervalSeconds: number;
  /** Fault injection for the crash tests; ignored in production. */
  pauseAfterAcceptMs: number | undefined;
  /** A shipment charging this long without an answer is retried by the worker's sweep (a crash, a lost answer). */
  chargeRecoveryAfterSeconds: number;
  /** Lanes shipping "Ship selected" batches in this process, and how long a dead worker's claim holds. */
  shipLanes: number;
  shipClaimSeconds: number;
}

function whole(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new EmailConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  return n;
}

export function workerSettings(env: Env = process.env): WorkerSettings {
  const inApp = (env.EMAIL_WORKER?.trim() || 'on').toLowerCase();
  if (inApp !== 'on' && inApp !== 'off') throw new EmailConfigError(`EMAIL_WORKER must be "on" or "off"; got "${env.EMAIL_WORKER}".`);
  return {
    inApp: inApp === 'on',
    concurrency: whole(env, 'EMAIL_WORKER_CONCURRENCY', 2, 1, 20),
    expireInSeconds: whole(env, 'EMAIL_WORKER_EXPIRE_SECONDS', 60, 1, 3600),
    maintenanceIntervalSeconds: whole(env, 'EMAIL_WORKER_MAINTENANCE_SECONDS', 30, 1, 3600),
    pauseAfterAcceptMs:
      env.NODE_ENV === 'production' || !env.EMAIL_WORKER_PAUSE_AFTER_ACCEPT_MS ? undefined : whole(env, 'EMAIL_WORKER_PAUSE_AFTER_ACCEPT_MS', 0, 0, 600_000),
    chargeRecoveryAfterSeconds: whole(env, 'SHIPPING_RECOVERY_AFTER_SECONDS', STALE_CHARGING_SECONDS, 0, 86_400),
    shipLanes: whole(env, 'SHIP_BATCH_LANES', 4, 0, 32),
    shipClaimSeconds: whole(env, 'SHIP_BATCH_CLAIM_SECONDS', 120, 1, 3600),
  };
}

/** Every email setting at once: what the worker checks before it starts. */
export function checkEmailConfig(env: Env = process.env): void {
  storeIdentity(env);
  emailFrom(env);
  workerSettings(env);
  // Real email with links to localhost would reach customers with order links that go nowhere.
  if (transportConfig(env).kind === 'smtp' && env.NODE_ENV === 'production' && !env.APP_URL?.trim()) {
    throw new EmailConfigError("SMTP_URL is set but APP_URL is not: set APP_URL to the store's public URL (emails link to it).");
  }
}
