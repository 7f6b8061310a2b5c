import type { AvailabilityState, Offer } from '@/lib/catalog/availability';
import { lowStockText } from '@/lib/catalog/availability-copy';
import { AvailabilityText } from './availability-text';

// Each state has its own symbol as well as its colour, so colour is never the only sign.
const STYLE: Record<AvailabilityState, { symbol: string; className: string }> = {
  in_stock: { symbol: '●', className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  backorder: { symbol: '◔', className: 'bg-amber-50 text-amber-900 ring-amber-200' },
  preorder: { symbol: '◆', className: 'bg-sky-50 text-sky-900 ring-sky-200' },
  sold_out: { symbol: '✕', className: 'bg-stone-100 text-stone-700 ring-stone-300' },
};

export function AvailabilityBadge({ offer }: { offer: Offer }) {
  const style = STYLE[offer.state];
  const low = lowStockText(offer);
  return (
    <p data-availability={offer.state} className="flex flex-wrap items-center gap-2 text-sm">
      <span className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 font-medium ring-1 ${style.className}`}>
        <span aria-hidden="true">{style.symbol}</span>
        <AvailabilityText offer={offer} />
      </span>
      {low && <span className="font-medium text-red-800">{low}</span>}
    </p>
  );
}
