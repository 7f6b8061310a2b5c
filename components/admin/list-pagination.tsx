import Link from 'next/link';

/** What a paginated admin list reports about its page. */
export interface PagedList {
  page: number;
  pageSize: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

const LINK = 'rounded-lg border border-stone-300 px-3 py-1.5 font-medium text-brand-700 hover:border-brand-700';

/** The list's URL for a page, keeping its filters (unset ones left out). */
function pageHref(path: string, filters: Record<string, string | null | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (page > 1) query.set('page', String(page));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Newer and Older pages of an admin list, keeping its filters. */
export function ListPagination({
  label,
  path,
  list,
  filters,
}: {
  label: string;
  path: string;
  list: PagedList;
  filters: Record<string, string | null | undefined>;
}) {
  if (!list.hasPrevious && !list.hasNext) return null;
  const first = (list.page - 1) * list.pageSize + 1;
  const last = Math.min(list.page * list.pageSize, list.total);
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-3 text-sm">
      {list.hasPrevious && (
        <Link href={pageHref(path, filters, list.page - 1)} className={LINK}>
          <span aria-hidden="true">← </span>Newer
        </Link>
      )}
      <span className="text-stone-700">
        {first <= last ? `${first}–${last} of ${list.total}` : `Page ${list.page} of ${Math.max(1, Math.ceil(list.total / list.pageSize))}`}
      </span>
      {list.hasNext && (
        <Link href={pageHref(path, filters, list.page + 1)} className={LINK}>
          Older<span aria-hidden="true"> →</span>
        </Link>
      )}
    </nav>
  );
}
