import type { Metadata } from 'next';
import { InventoryTable } from '@/components/admin/inventory/inventory-table';
import { requireStaffPage } from '@/lib/auth/staff';
import { readInventory } from '@/lib/inventory/inventory-report';
import { parseSort, sortInventory } from '@/lib/inventory/inventory-sort';

export const metadata: Metadata = { title: 'Inventory' };

export default async function InventoryPage({ searchParams }: PageProps<'/admin/inventory'>) {
  await requireStaffPage();
  const params = await searchParams;
  const { sort, dir } = parseSort(params.sort, params.dir);
  const rows = sortInventory(await readInventory(), sort, dir);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Inventory</h1>
      <p className="max-w-3xl text-sm text-stone-700">
        Sellable is what can ship now: on hand, less units committed to orders and units already waiting. The reorder point is the demand expected during the
        lead time plus safety stock; a variant below it is flagged. Sort by &ldquo;Sold per day&rdquo; to find the fastest sellers.
      </p>
      <InventoryTable rows={rows} sort={sort} dir={dir} />
    </div>
  );
}
