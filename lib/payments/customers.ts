import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { paymentCustomers } from '@/db/schema';
import { emailInput } from '@/lib/forms/inputs';
import { callStripe } from './call-stripe';
import { paymentsClient, type PaymentsClient } from './stripe-client';

/** The cart's secret checkout key (carts.checkout_key, never sent to a browser). */
const checkoutKeyInput = z.string().regex(/^checkout_[A-Za-z0-9_-]{16,}$/, { message: 'Not a checkout key.' });

const emailHash = (email: string) => createHash('sha256').update(email).digest('hex').slice(0, 32);

/**
 * A Stripe Customer of this checkout alone, for the email typed into it. The idempotency key
 * comes from the cart's secret checkout key, so a repeated "Continue to payment" gets the same
 * Customer, and no other checkout can ever reach it: an email proves nothing about who types it
 * (docs/payments.md, "Saving the card").
 */
export async function createCheckoutCustomer(
  input: { checkoutKey: string; email: string },
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
): Promise<{ customerId: string }> {
  const checkoutKey = checkoutKeyInput.parse(input.checkoutKey);
  const email = emailInput.parse(input.email);
  const customer = await callStripe('Creating the Stripe customer', () =>
    client.stripe.customers.create(
      { email, metadata: { source: 'inbound', kind: 'checkout' } },
      { idempotencyKey: `${checkoutKey}:customer:${emailHash(email)}` },
    ),
  );
  await database.insert(paymentCustomers).values({ mode: client.config.account, kind: 'checkout', email, stripeCustomerId: customer.id }).onConflictDoNothing();
  return { customerId: customer.id };
}

/**
 * The staff test-card saver's Customer for an email (/admin/payments), created on first use.
 * Staff only: no shopper's checkout calls this. Stripe does not keep emails unique, so
 * payment_customers does for staff Customers; concurrent first calls for one email send the same
 * idempotency key, so Stripe makes one Customer and both calls store the same id.
 */
export async function getOrCreateCustomer(
  email: string,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
): Promise<{ customerId: string }> {
  const normalised = emailInput.parse(email);
  const mode = client.config.account;
  const find = async () => {
    const [row] = await database
      .select({ customerId: paymentCustomers.stripeCustomerId })
      .from(paymentCustomers)
      .where(and(eq(paymentCustomers.mode, mode), eq(paymentCustomers.kind, 'staff'), eq(paymentCustomers.email, normalised)));
    return row ?? null;
  };
  const existing = await find();
  if (existing) return existing;

  const customer = await callStripe('Creating the Stripe customer', () =>
    client.stripe.customers.create(
      { email: normalised, metadata: { source: 'inbound', kind: 'staff' } },
      { idempotencyKey: `staff-customer:${emailHash(normalised)}` },
    ),
  );
  await database.insert(paymentCustomers).values({ mode, kind: 'staff', email: normalised, stripeCustomerId: customer.id }).onConflictDoNothing();
  const stored = await find();
  return stored ?? { customerId: customer.id };
}
