import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Database } from '@/db/client';
import { products, variants, type NewVariant } from '@/db/schema';
import { addToCart, createCart } from '@/lib/cart/cart-store';
import { addDays, todayUtc } from '@/lib/catalog/dates';
import { readCartLines } from '@/lib/cart/lines';
import { storeCardSetup } from '@/lib/checkout/card-setup-store';
import { quoteFingerprint } from '@/lib/checkout/fingerprint';
import type { CheckoutContact } from '@/lib/checkout/input';
import { buildQuote, type Quote } from '@/lib/checkout/quote';
import { placeOrder, type VerifiedPayment } from '../place-order';

/**
 * Helpers for tests that place orders against a real database. Not used by the app.
 */

export const TODAY = todayUtc();
/** A calendar date `days` after TODAY. */
export const inDays = (days: number) => addDays(TODAY, days);
export const SHIPPING_CENTS = 500;

export const CONTACT: CheckoutContact = {
  email: 'shopper@example.com',
  fullName: 'Ada Shopper',
  addressLine: '1 Test Street',
  city: 'Springfield',
  region: 'IL',
  postalCode: '12345',
  country: 'US',
};

/** The card step cartWith() stores on every cart, so that verifiedPayment() may pay for it. */
export const TEST_SETUP_INTENT_ID = 'seti_test';

/** A card as verifySetupIntent would return it; tests that do not exercise payments use it. */
export function verifiedPayment(overrides: Partial<VerifiedPayment> = {}): VerifiedPayment {
  return {
    stripeCustomerId: 'cus_test',
    setupIntentId: TEST_SETUP_INTENT_ID,
    card: { paymentMethodId: 'pm_test', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 },
    ...overrides,
  };
}

type StockSettings = Pick<NewVariant, 'onHand' | 'inventoryPolicy' | 'waitingLimit' | 'shipDateSource' | 'fixedShipDate' | 'leadTimeDays' | 'releaseDate'> & {
  priceCents?: number;
  /** The product's title (unique by default). */
  title?: string;
  /** An image under public/ (browser tests need one that exists). */
  imagePath?: string;
};

/** A published product with one variant, named uniquely so tests never collide. */
export async function createTestVariant(
  db: Database,
  stock: StockSettings,
): Promise<{ productId: string; slug: string; variantId: string; sku: string; title: string }> {
  const suffix = randomBytes(4).toString('hex');
  const slug = `order-test-${suffix}`;
  const { priceCents = 1000, title = `Order test ${suffix}`, imagePath, ...rest } = stock;
  const [product] = await db
    .insert(products)
    .values({ slug, title, imagePath, imageAlt: imagePath ? `${title}, photographed on a plain background` : '' })
    .returning();
  const sku = `ORD-${suffix}`.toUpperCase();
  const [variant] = await db
    .insert(variants)
    .values({ productId: product!.id, sku, title: 'Default', priceCents, ...rest })
    .returning();
  return { productId: product!.id, slug, variantId: variant!.id, sku, title };
}

export const backorderTo = (date: string) => ({ inventoryPolicy: 'backorder' as const, shipDateSource: 'fixed_date' as const, fixedShipDate: date });

/** A new cart holding these lines. */
export async function cartWith(
  db: Database,
  lines: { variantId: string; quantity: number }[],
  options: { cardStep?: boolean } = {},
): Promise<{ id: string; checkoutKey: string }> {
  const { cart } = await createCart(db);
  for (const line of lines) await addToCart(cart.id, line, { database: db, today: TODAY });
  // placeOrder() takes only the card step stored on the cart (verifiedPayment()'s). Tests of the
  // real card step (prepareCardStep) pass cardStep: false.
  if (options.cardStep !== false)
    await storeCardSetup(db, cart.id, { customerId: 'cus_test', setupIntentId: TEST_SETUP_INTENT_ID, email: 'fixture-card@example.com' });
  return { id: cart.id, checkoutKey: cart.checkoutKey };
}

/** The quote a checkout page would show for the cart now, and its fingerprint. */
export async function quoteFor(db: Database, cartId: string): Promise<{ quote: Quote; fingerprint: string }> {
  const records = await readCartLines(db, cartId, TODAY);
  const quote = buildQuote(
    records.map((r) => r.input),
    { shippingCents: SHIPPING_CENTS },
  );
  return { quote, fingerprint: quoteFingerprint(quote) };
}

/** Places an order for these lines through the real checkout path (placeOrder) and returns it. */
export async function placeTestOrder(
  db: Database,
  lines: { variantId: string; quantity: number }[],
  options: { contact?: Partial<CheckoutContact>; today?: string } = {},
) {
  const cart = await cartWith(db, lines);
  const { fingerprint } = await quoteFor(db, cart.id);
  const result = await placeOrder(
    {
      cartId: cart.id,
      idempotencyKey: cart.checkoutKey,
      quoteFingerprint: fingerprint,
      contact: { ...CONTACT, ...options.contact },
      consent: { at: new Date(), ip: null },
      payment: verifiedPayment(),
    },
    { database: db, today: options.today ?? TODAY, shippingCents: SHIPPING_CENTS },
  );
  if (result.status !== 'placed') throw new Error(`placeTestOrder: not placed (${result.status})`);
  return result.order;
}
