import 'server-only';
import { supplyFor } from '@/lib/purchasing/incoming';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Executor } from '@/db/client';
import { backInStockSignups, products, variants } from '@/db/schema';
import { todayUtc } from '@/lib/catalog/dates';
import { lineTitle } from '@/lib/catalog/line-title';
import { variantOffer } from '@/lib/catalog/stock-position';
import { enqueueEmails, type OutgoingEmail } from '@/lib/email/outbox';
import { siteUrl } from '@/lib/site';

/**
 * Emails the waiting back-in-stock signups of every variant of these products that can be bought
 * now (in stock, backordered with a date, or on pre-order), oldest signup first, and marks them
 * notified: each signup gets one email. Call it in the transaction of any change that can make a
 * variant purchasable (stock, dates, policy, price, publishing, unarchiving), after the change, next
 * to invalidateProducts. A signup takes the variant row FOR SHARE while it checks availability, so
 * it either commits before the change (and is seen here) or sees the variant purchasable (and is
 * not stored): none is left waiting for a variant that is already back.
 */
export async function notifyRestocks(tx: Executor, productSlugs: readonly string[], today: string = todayUtc()): Promise<number> {
  if (productSlugs.length === 0) return 0;
  const candidates = await tx
    .select({
      id: variants.id,
      title: variants.title,
      onHand: variants.onHand,
      committed: variants.committed,
      waiting: variants.waiting,
      inventoryPolicy: variants.inventoryPolicy,
      waitingLimit: variants.waitingLimit,
      shipDateSource: variants.shipDateSource,
      fixedShipDate: variants.fixedShipDate,
      leadTimeDays: variants.leadTimeDays,
      releaseDate: variants.releaseDate,
      lowStockThreshold: variants.lowStockThreshold,
      priceCents: variants.priceCents,
      currency: variants.currency,
      productTitle: products.title,
      slug: products.slug,
    })
    .from(variants)
    .innerJoin(products, eq(products.id, variants.productId))
    .where(
      and(
        inArray(products.slug, [...productSlugs]),
        eq(products.published, true),
        isNull(products.archivedAt),
        isNull(variants.archivedAt),
        sql`exists (select 1 from ${backInStockSignups} s where s.variant_id = ${variants.id} and s.status = 'waiting')`,
      ),
    )
    .orderBy(asc(variants.id));

  const base = siteUrl();
  const supply = await supplyFor(
    tx,
    candidates.map((v) => v.id),
  );
  const emails: OutgoingEmail[] = [];
  for (const v of candidates) {
    const offer = variantOffer(v, today, supply(v.id));
    if (offer.state === 'sold_out') continue;
    const ids = tx
      .select({ id: backInStockSignups.id })
      .from(backInStockSignups)
      .where(and(eq(backInStockSignups.variantId, v.id), eq(backInStockSignups.status, 'waiting')))
      .orderBy(asc(backInStockSignups.id))
      .for('update');
    const notified = await tx
      .update(backInStockSignups)
      .set({ status: 'notified', notifiedAt: sql`now()` })
      .where(and(inArray(backInStockSignups.id, ids), eq(backInStockSignups.status, 'waiting')))
      .returning({
        id: backInStockSignups.id,
        email: backInStockSignups.email,
        token: backInStockSignups.unsubscribeToken,
        createdAt: backInStockSignups.createdAt,
      });
    notified.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    for (const s of notified) {
      emails.push({
        kind: 'back_in_stock',
        to: s.email,
        backInStockSignupId: s.id,
        payload: {
          productTitle: v.productTitle,
          variantTitle: v.title,
          title: lineTitle(v.productTitle, v.title),
          productUrl: `${base}/products/${v.slug}`,
          priceCents: v.priceCents,
          currency: v.currency,
          offer: { state: offer.state, date: offer.state === 'in_stock' ? null : offer.laterDate },
          writtenOn: today,
          unsubscribeUrl: `${base}/unsubscribe/${s.token}`,
          oneClickUnsubscribeUrl: `${base}/api/unsubscribe/${s.token}`,
        },
      });
    }
  }
  await enqueueEmails(tx, emails);
  return emails.length;
}

/**
 * A safety net: every change that makes a variant purchasable calls notifyRestocks in its own
 * transaction, and the availability model never makes one purchasable with the date alone; should
 * a path ever miss the call, the worker runs this at start and every 15 minutes over every product
 * with waiting signups. Concurrent runs notify each signup once (the update only takes signups
 * still waiting, after their row locks).
 */
export async function notifyRestocksDueToTime(database: Database, today: string = todayUtc()): Promise<number> {
  const rows = await database
    .selectDistinct({ slug: products.slug })
    .from(backInStockSignups)
    .innerJoin(variants, eq(variants.id, backInStockSignups.variantId))
    .innerJoin(products, eq(products.id, variants.productId))
    .where(eq(backInStockSignups.status, 'waiting'));
  if (rows.length === 0) return 0;
  return database.transaction((tx) =>
    notifyRestocks(
      tx,
      rows.map((r) => r.slug),
      today,
    ),
  );
}
