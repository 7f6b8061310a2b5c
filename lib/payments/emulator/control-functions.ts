import 'server-only';
import { db as appDb, type Database } from '@/db/client';
import { resolvePaymentsConfig, type Env } from '../config';
import { handleEmulatorRequest } from './handler';
import { PaymentsError } from '../errors';
import { savedCardFrom } from '../saved-cards';
import type { SavedCard } from '../types';
import type Stripe from 'stripe';

/**
 * The emulator's controls as functions, for development tools and tests. They go through the
 * same endpoints (and guards) as the HTTP API: emulator mode only, and outside production
 * unless STRIPE_EMULATOR_CONTROLS=1.
 */
async function control(path: string, params: Record<string, string>, database: Database, env: Env): Promise<Record<string, unknown>> {
  const config = resolvePaymentsConfig(env);
  if (config.mode !== 'emulator') throw new PaymentsError('provider_rejected', 'The emulator controls exist only in emulator mode.');
  const response = await handleEmulatorRequest(
    new Request(`http://stripe-emulator.invalid${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    }),
    { database, env },
  );
  const body = (await response.json()) as Record<string, unknown> & { error?: { message: string } };
  if (!response.ok) throw new PaymentsError(response.status === 404 ? 'not_found' : 'provider_rejected', body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

/** Makes a saved card's expiry last month, so the next charge fails with expired_card. */
export async function expireSavedCard(paymentMethodId: string, database: Database = appDb, env: Env = process.env): Promise<SavedCard> {
  const pm = await control(`/v1/emulator/payment_methods/${encodeURIComponent(paymentMethodId)}/expire`, {}, database, env);
  return savedCardFrom(pm as unknown as Stripe.PaymentMethod)!;
}

/** Stripe's card updater giving a card a new expiry (and a new number's last 4); sends payment_method.automatically_updated. */
export async function updateSavedCard(
  paymentMethodId: string,
  expiry: { expMonth?: number; expYear?: number; last4?: string } = {},
  database: Database = appDb,
  env: Env = process.env,
): Promise<SavedCard> {
  const params: Record<string, string> = {};
  if (expiry.expMonth !== undefined) params.exp_month = String(expiry.expMonth);
  if (expiry.expYear !== undefined) params.exp_year = String(expiry.expYear);
  if (expiry.last4 !== undefined) params.last4 = expiry.last4;
  const pm = await control(`/v1/emulator/payment_methods/${encodeURIComponent(paymentMethodId)}/automatically_update`, params, database, env);
  return savedCardFrom(pm as unknown as Stripe.PaymentMethod)!;
}

/** The shopper's answer on the emulated 3D Secure page (its buttons call the same endpoint). */
export async function finishEmulatedAuthentication(
  intentId: string,
  outcome: 'complete' | 'fail',
  database: Database = appDb,
  env: Env = process.env,
): Promise<{ status: string }> {
  const intent = await control(`/v1/emulator/authentications/${encodeURIComponent(intentId)}/${outcome}`, {}, database, env);
  return { status: String(intent.status) };
}
