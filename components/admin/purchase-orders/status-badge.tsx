import type { PurchaseOrderStatus } from '@/db/schema/purchasing';
import { PURCHASE_ORDER_STATUS_LABELS } from '@/lib/purchasing/purchase-order-input';

const STYLES: Record<PurchaseOrderStatus, string> = {
  open: 'border-amber-500 bg-amber-50 text-amber-900',
  partly_received: 'border-sky-600 bg-sky-50 text-sky-900',
  received: 'border-brand-600 bg-brand-50 text-brand-900',
  cancelled: 'border-stone-400 bg-stone-100 text-stone-800',
};

export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[status]}`}>
      {PURCHASE_ORDER_STATUS_LABELS[status]}
    </span>
  );
}
