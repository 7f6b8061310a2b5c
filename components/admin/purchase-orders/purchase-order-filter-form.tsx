import Form from 'next/form';
import Link from 'next/link';
import { SelectField } from '@/components/admin/fields';
import { PURCHASE_ORDER_STATUSES } from '@/db/schema/purchasing';
import { PURCHASE_ORDER_STATUS_LABELS, type PurchaseOrderFilters } from '@/lib/purchasing/purchase-order-input';

const STATUS_OPTIONS = [{ value: '', label: 'All' }, ...PURCHASE_ORDER_STATUSES.map((s) => ({ value: s, label: PURCHASE_ORDER_STATUS_LABELS[s] }))];

/** A GET form: the filter lives in the URL (`?status=open`), so a filtered list can be linked to and reloaded. */
export function PurchaseOrderFilterForm({ filters }: { filters: PurchaseOrderFilters }) {
  return (
    // Keyed by the filter: the select is uncontrolled, so a client-side navigation would otherwise keep the previous choice.
    <Form
      key={filters.status ?? ''}
      action="/admin/purchase-orders"
      role="search"
      aria-label="Filter purchase orders"
      className="flex flex-wrap items-end gap-3"
    >
      <SelectField name="status" label="Status" defaultValue={filters.status ?? ''} options={STATUS_OPTIONS} />
      <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Filter
      </button>
      {filters.status && (
        <Link href="/admin/purchase-orders" className="py-2 text-sm font-medium text-brand-700 hover:underline">
          Clear filter
        </Link>
      )}
    </Form>
  );
}
