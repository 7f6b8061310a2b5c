import type { Metadata } from 'next';
import { EmailSearchForm } from '@/components/admin/emails/email-search-form';
import { EmailsPagination } from '@/components/admin/emails/emails-pagination';
import { EmailsTable } from '@/components/admin/emails/emails-table';
import { TransportNote } from '@/components/admin/emails/transport-note';
import { requireStaffPage } from '@/lib/auth/staff';
import { listEmails, parseEmailFilters } from '@/lib/email/admin-reads';

export const metadata: Metadata = { title: 'Emails' };

export default async function EmailsPage({ searchParams }: PageProps<'/admin/emails'>) {
  await requireStaffPage();
  const filters = parseEmailFilters(await searchParams);
  const list = await listEmails(filters);
  const filtered = Boolean(filters.to || filters.kind || filters.status);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Emails</h1>
        <TransportNote />
      </div>
      <EmailSearchForm filters={filters} />
      {list.rows.length === 0 ? (
        <p className="text-sm text-stone-700">
          {list.total > 0 ? 'No emails on this page.' : filtered ? 'No emails match these filters.' : 'No emails yet: they appear here as orders are placed.'}
        </p>
      ) : (
        <EmailsTable rows={list.rows} />
      )}
      <EmailsPagination list={list} filters={filters} />
    </div>
  );
}
