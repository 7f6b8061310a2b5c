import Form from 'next/form';
import Link from 'next/link';
import { SelectField, TextField } from '@/components/admin/fields';
import { EMAIL_KINDS, EMAIL_STATUSES } from '@/db/schema/email';
import type { EmailFilters } from '@/lib/email/admin-reads';
import { EMAIL_KIND_LABELS, EMAIL_STATUS_LABELS } from './email-labels';

const KIND_OPTIONS = [{ value: '', label: 'All kinds' }, ...EMAIL_KINDS.map((k) => ({ value: k, label: EMAIL_KIND_LABELS[k] }))];
const STATUS_OPTIONS = [{ value: '', label: 'All statuses' }, ...EMAIL_STATUSES.map((s) => ({ value: s, label: EMAIL_STATUS_LABELS[s] }))];

/** A GET form: the filters live in the URL, so a filtered list can be linked to and reloaded. */
export function EmailSearchForm({ filters }: { filters: EmailFilters }) {
  const filtered = Boolean(filters.to || filters.kind || filters.status);
  return (
    // Keyed by the filters: the fields are uncontrolled, so a client-side navigation (Clear filters,
    // Back) would otherwise keep showing the previous search.
    <Form
      key={[filters.to, filters.kind, filters.status].join('|')}
      action="/admin/emails"
      role="search"
      aria-label="Search emails"
      className="flex flex-wrap items-end gap-3"
    >
      <TextField name="to" label="Recipient" type="search" defaultValue={filters.to ?? ''} spellCheck={false} className="w-full max-w-xs" />
      <SelectField name="kind" label="Kind" defaultValue={filters.kind ?? ''} options={KIND_OPTIONS} />
      <SelectField name="status" label="Status" defaultValue={filters.status ?? ''} options={STATUS_OPTIONS} />
      <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Search
      </button>
      {filtered && (
        <Link href="/admin/emails" className="py-2 text-sm font-medium text-brand-700 hover:underline">
          Clear filters
        </Link>
      )}
    </Form>
  );
}
