import type { ProductStatus } from '@/lib/catalog/admin-product-reads';

const STYLES: Record<ProductStatus, string> = {
  published: 'border-brand-600 bg-brand-50 text-brand-900',
  draft: 'border-stone-300 bg-stone-50 text-stone-700',
  archived: 'border-stone-400 bg-stone-200 text-stone-800',
};

const LABELS: Record<ProductStatus, string> = { published: 'Published', draft: 'Draft', archived: 'Archived' };

export function StatusBadge({ status }: { status: ProductStatus }) {
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>{LABELS[status]}</span>;
}
