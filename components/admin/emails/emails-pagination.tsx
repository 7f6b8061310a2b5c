import type { EmailFilters, EmailList } from '@/lib/email/admin-reads';
import { ListPagination } from '../list-pagination';

export function EmailsPagination({ list, filters }: { list: EmailList; filters: EmailFilters }) {
  return <ListPagination label="Email pages" path="/admin/emails" list={list} filters={{ to: filters.to, kind: filters.kind, status: filters.status }} />;
}
