import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { paymentCustomers } from '@/db/schema';
import { callStripe } from './call-stripe';
import { paymentsClient, type PaymentsClient } from './stripe-client';

export const customerEmailInput = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }).max(254, { message: 'That email address is too long.' }));

/**
 * The Stripe Customer for a shopper's email, created on first use. Stripe does not keep emails
 * unique, so payment_customers does; concurrent first calls for one email send the same
 * idempotency key, so Stripe makes one Customer and both calls store the same id.
 */
export async function getOrCreateCustomer(
  email: string,
  database: Database = appDb,
  client: PaymentsClient = paymentsClient(database),
): Promise<{ customerId: string }> {
  const normalised = customerEmailInput.parse(email);
  const mode = client.config.account;
  const find = async () => {
    const [row] = await database
      .select({ customerId: paymentCustomers.stripeCustomerId })
      .from(paymentCustomers)
      .where(and(eq(paymentCustomers.mode, mode), eq(paymentCustomers.email, normalised)));
    return row ?? null;
  };
  const existing = await find();
  if (existing) return existing;

  const emailHash = createHash('sha256').update(normalised).digest('hex').slice(0, 32);
  const customer = await callStripe('Creating the Stripe customer', () =>
    client.stripe.customers.create({ email: normalised, metadata: { source: 'inbound' } }, { idempotencyKey: `customer:${emailHash}` }),
  );
  await database.insert(paymentCustomers).values({ mode, email: normalised, stripeCustomerId: customer.id }).onConflictDoNothing();
  const stored = await find();
  return stored ?? { customerId: customer.id };
}
