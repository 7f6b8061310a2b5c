import Form from 'next/form';
import Link from 'next/link';
import { SelectField, TextField } from '@/components/admin/fields';
import { ORDER_FILTER_LABELS, ORDER_FILTERS, type OrderFilters } from '@/lib/orders/admin-orders';

const STATUS_OPTIONS = [{ value: '', label: 'All' }, ...ORDER_FILTERS.map((s) => ({ value: s, label: ORDER_FILTER_LABELS[s] }))];

/** A GET form: the filters live in the URL, so a filtered list can be linked to and reloaded. */
export function OrderSearchForm({ filters }: { filters: OrderFilters }) {
  const filtered = Boolean(filters.q || filters.status);
  return (
    // Keyed by the filters: the fields are uncontrolled, so a client-side navigation (Clear filters,
    // Back) would otherwise keep showing the previous search.
    <Form
      key={[filters.q, filters.status].join('|')}
      action="/admin/orders"
      role="search"
      aria-label="Search orders"
      className="flex flex-wrap items-end gap-3"
    >
      <TextField name="q" label="Order number or email" type="search" defaultValue={filters.q ?? ''} spellCheck={false} className="w-full max-w-xs" />
      <SelectField name="status" label="Status" defaultValue={filters.status ?? ''} options={STATUS_OPTIONS} />
      <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Search
      </button>
      {filtered && (
        <Link href="/admin/orders" className="py-2 text-sm font-medium text-brand-700 hover:underline">
          Clear filters
        </Link>
      )}
    </Form>
  );
}
