import 'server-only';
import Stripe from 'stripe';
import { db as appDb, type Database } from '@/db/client';
import { STRIPE_API_VERSION } from './api-version';
import { resolvePaymentsConfig, type Env, type PaymentsConfig } from './config';

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A configured Stripe SDK client and the settings it was made from. Stays inside lib/payments. */
export interface PaymentsClient {
  stripe: Stripe;
  config: PaymentsConfig;
}

export interface PaymentsClientOptions {
  database?: Database;
  env?: Env;
  /** Tests wrap the transport to inject network failures, 5xx and 429 answers. */
  wrapFetch?: (fetch: FetchFn) => FetchFn;
}

/** An address that can never resolve: in emulator mode nothing may leave the process. */
const EMULATOR_HOST = 'stripe-emulator.invalid';

/**
 * The same stripe-node client in both modes. In emulator mode its transport hands each request
 * to the emulator's handler in this process (no port to know, no server needed in tests); the
 * emulator keeps its state in PostgreSQL, so every app process sees the same Stripe.
 */
export function createPaymentsClient(options: PaymentsClientOptions = {}): PaymentsClient {
  const config = resolvePaymentsConfig(options.env ?? process.env);
  const common = { apiVersion: STRIPE_API_VERSION, appInfo: { name: 'Inbound' }, maxNetworkRetries: 2 } as const;
  if (config.mode === 'stripe') {
    const stripe = options.wrapFetch
      ? new Stripe(config.secretKey, { ...common, httpClient: Stripe.createFetchHttpClient(options.wrapFetch(fetch)) })
      : new Stripe(config.secretKey, common);
    return { stripe, config };
  }
  const database = options.database ?? appDb;
  const env = options.env;
  // Loaded on the first request, and only here, in emulator mode: Stripe mode never loads it.
  const inProcess: FetchFn = async (input, init) => {
    const { handleEmulatorRequest } = await import('./emulator');
    return handleEmulatorRequest(new Request(input, init), { database, env });
  };
  const transport = options.wrapFetch ? options.wrapFetch(inProcess) : inProcess;
  const stripe = new Stripe(config.secretKey, {
    ...common,
    host: EMULATOR_HOST,
    protocol: 'http',
    telemetry: false,
    httpClient: Stripe.createFetchHttpClient(transport as typeof fetch),
  });
  return { stripe, config };
}

const cache = new WeakMap<object, { key: string; client: PaymentsClient }>();

/** The client for a database handle (the app's by default), made once per configuration. */
export function paymentsClient(database: Database = appDb): PaymentsClient {
  const config = resolvePaymentsConfig(process.env);
  const key = JSON.stringify(config);
  const cached = cache.get(database);
  if (cached && cached.key === key) return cached.client;
  const client = createPaymentsClient({ database });
  cache.set(database, { key, client });
  return client;
}
