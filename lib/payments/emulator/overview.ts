import 'server-only';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { db as appDb, type Database } from '@/db/client';
import { stripeEmulatorObjects } from '@/db/schema';
import { resolvePaymentsConfig, type Env } from '../config';
import { isCardExpired } from './payment-methods';

/**
 * What the Stripe emulator holds, for the store owner's development page (/admin/payments):
 * the latest SetupIntents, PaymentIntents and saved cards, with the few fields a person needs.
 * Never client secrets, never whole objects. Read-only; emulator mode only.
 */

export interface EmulatorSetupIntentRow {
  id: string;
  status: string;
  customerEmail: string | null;
  /** "visa 4242" once a card is attached. */
  card: string | null;
  /** The last failure's code (decline code when there is one). */
  lastError: string | null;
  created: Date;
}

export interface EmulatorPaymentIntentRow {
  id: string;
  status: string;
  customerEmail: string | null;
  amountCents: number;
  currency: string;
  lastError: string | null;
  created: Date;
}

export interface EmulatorSavedCardRow {
  paymentMethodId: string;
  customerEmail: string | null;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  expired: boolean;
  created: Date;
}

export interface EmulatorOverview {
  /** Whether the expire-card control answers (off in production unless STRIPE_EMULATOR_CONTROLS=1). */
  controlsEnabled: boolean;
  setupIntents: EmulatorSetupIntentRow[];
  paymentIntents: EmulatorPaymentIntentRow[];
  savedCards: EmulatorSavedCardRow[];
}

type Body = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const created = (body: Body) => new Date(Number(body.created ?? 0) * 1000);

function errorCode(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as Body;
  return str(e.decline_code) ?? str(e.code);
}

/** The overview, or null in Stripe mode (there is no emulator to look at). */
export async function emulatorOverview(options: { database?: Database; env?: Env; limit?: number } = {}): Promise<EmulatorOverview | null> {
  const config = resolvePaymentsConfig(options.env ?? process.env);
  if (config.mode !== 'emulator') return null;
  const database = options.database ?? appDb;
  const limit = options.limit ?? 20;

  const latest = (type: string, attachedOnly = false) =>
    database
      .select({ id: stripeEmulatorObjects.id, body: stripeEmulatorObjects.body, internal: stripeEmulatorObjects.internal })
      .from(stripeEmulatorObjects)
      .where(and(eq(stripeEmulatorObjects.type, type), attachedOnly ? isNotNull(stripeEmulatorObjects.customerId) : undefined))
      .orderBy(desc(stripeEmulatorObjects.createdAt), desc(stripeEmulatorObjects.id))
      .limit(limit);
  const [setupIntents, paymentIntents, paymentMethods] = await Promise.all([latest('setup_intent'), latest('payment_intent'), latest('payment_method', true)]);

  const methodIds = [...new Set([...setupIntents, ...paymentIntents].map((r) => str(r.body.payment_method)).filter((v): v is string => !!v))];
  const methodRows = methodIds.length
    ? await database
        .select({ id: stripeEmulatorObjects.id, body: stripeEmulatorObjects.body })
        .from(stripeEmulatorObjects)
        .where(and(eq(stripeEmulatorObjects.type, 'payment_method'), inArray(stripeEmulatorObjects.id, methodIds)))
    : [];
  const cardOf = new Map(methodRows.map((r) => [r.id, r.body.card as Body | undefined]));
  const cardLabel = (pmId: string | null) => {
    const card = pmId ? cardOf.get(pmId) : undefined;
    return card ? `${String(card.brand)} ${String(card.last4)}` : null;
  };

  const customerIds = [...new Set([...setupIntents, ...paymentIntents, ...paymentMethods].map((r) => str(r.body.customer)).filter((v): v is string => !!v))];
  const customers = customerIds.length
    ? await database
        .select({ id: stripeEmulatorObjects.id, body: stripeEmulatorObjects.body })
        .from(stripeEmulatorObjects)
        .where(and(eq(stripeEmulatorObjects.type, 'customer'), inArray(stripeEmulatorObjects.id, customerIds)))
    : [];
  const emailOf = new Map(customers.map((c) => [c.id, str(c.body.email)]));
  const email = (body: Body) => {
    const customer = str(body.customer);
    return customer ? (emailOf.get(customer) ?? null) : null;
  };

  const now = new Date();
  return {
    controlsEnabled: config.controlsEnabled,
    setupIntents: setupIntents.map(({ id, body }) => ({
      id,
      status: String(body.status),
      customerEmail: email(body),
      card: cardLabel(str(body.payment_method)),
      lastError: errorCode(body.last_setup_error),
      created: created(body),
    })),
    paymentIntents: paymentIntents.map(({ id, body }) => ({
      id,
      status: String(body.status),
      customerEmail: email(body),
      amountCents: Number(body.amount),
      currency: String(body.currency),
      lastError: errorCode(body.last_payment_error),
      created: created(body),
    })),
    savedCards: paymentMethods
      .filter((r) => !(r.internal as { detached?: boolean }).detached)
      .map(({ id, body }) => {
        const card = body.card as { brand: string; last4: string; exp_month: number; exp_year: number };
        return {
          paymentMethodId: id,
          customerEmail: email(body),
          brand: card.brand,
          last4: card.last4,
          expMonth: card.exp_month,
          expYear: card.exp_year,
          expired: isCardExpired(card.exp_month, card.exp_year, now),
          created: created(body),
        };
      }),
  };
}
