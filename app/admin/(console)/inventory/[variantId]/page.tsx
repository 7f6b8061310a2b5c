import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { AdjustmentForm } from '@/components/admin/inventory/adjustment-form';
import { LedgerTable } from '@/components/admin/inventory/ledger-table';
import { requireStaffPage } from '@/lib/auth/staff';
import { lineTitle } from '@/lib/catalog/line-title';
import { readVariantStock } from '@/lib/inventory/inventory-report';

export const metadata: Metadata = { title: 'Adjust stock' };

export default async function VariantStockPage({ params }: PageProps<'/admin/inventory/[variantId]'>) {
  await requireStaffPage();
  const id = z.uuid().safeParse((await params).variantId);
  const stock = id.success ? await readVariantStock(id.data) : null;
  if (!stock) notFound();
  const title = lineTitle(stock.productTitle, stock.variantTitle);
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/admin/inventory" className="text-brand-700 hover:underline">
          ← Inventory
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <dl className="grid max-w-xl grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-stone-600">SKU</dt>
          <dd className="font-mono">{stock.sku}</dd>
        </div>
        <div>
          <dt className="text-stone-600">On hand</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="on-hand">
            {stock.onHand}
          </dd>
        </div>
        <div>
          <dt className="text-stone-600">Committed</dt>
          <dd className="text-lg tabular-nums">{stock.committed}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Waiting</dt>
          <dd className="text-lg tabular-nums">{stock.waiting}</dd>
        </div>
      </dl>
      <section aria-labelledby="adjust-heading" className="flex max-w-xl flex-col gap-3">
        <h2 id="adjust-heading" className="text-lg font-semibold">
          Record an adjustment
        </h2>
        <AdjustmentForm variantId={stock.variantId} />
      </section>
      <section aria-labelledby="ledger-heading" className="flex flex-col gap-3">
        <h2 id="ledger-heading" className="text-lg font-semibold">
          Stock ledger
        </h2>
        <LedgerTable entries={stock.ledger} />
      </section>
    </div>
  );
}
