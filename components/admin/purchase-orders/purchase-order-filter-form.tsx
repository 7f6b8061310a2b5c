import Form from 'next/form';
import Link from 'next/link';
import { SelectField, TextField } from '@/components/admin/fields';
import { PURCHASE_ORDER_STATUSES } from '@/db/schema/purchasing';
import { PURCHASE_ORDER_STATUS_LABELS, type PurchaseOrderFilters } from '@/lib/purchasing/purchase-order-input';

const STATUS_OPTIONS = [{ value: '', label: 'All' }, ...PURCHASE_ORDER_STATUSES.map((s) => ({ value: s, label: PURCHASE_ORDER_STATUS_LABELS[s] }))];

/** A GET form: the filters live in the URL (`?q=lodge&status=open`), so a filtered list can be linked to and reloaded. */
export function PurchaseOrderFilterForm({ filters }: { filters: PurchaseOrderFilters }) {
  const filtered = Boolean(filters.q || filters.status);
  return (
    // Keyed by the filters: the fields are uncontrolled, so a client-side navigation would otherwise keep the previous search.
    <Form
      key={[filters.q, filters.status].join('|')}
      action="/admin/purchase-orders"
      role="search"
      aria-label="Search purchase orders"
      className="flex flex-wrap items-end gap-3"
    >
      <TextField name="q" label="PO number, supplier or SKU" type="search" defaultValue={filters.q ?? ''} spellCheck={false} className="w-full max-w-xs" />
      <SelectField name="status" label="Status" defaultValue={filters.status ?? ''} options={STATUS_OPTIONS} />
      <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Search
      </button>
      {filtered && (
        <Link href="/admin/purchase-orders" className="py-2 text-sm font-medium text-brand-700 hover:underline">
          Clear filters
        </Link>
      )}
    </Form>
  );
}
