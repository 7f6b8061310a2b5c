import Link from 'next/link';
import { ColumnHeaders } from '@/components/admin/column-headers';
import { TableScroll } from '@/components/admin/table-scroll';
import type { ShipBatchProgress } from '@/lib/shipping/ship-batch';
import { RefreshWhile } from './refresh-while';

const RESULT_LABELS: Record<ShipBatchProgress['items'][number]['result'], string> = {
  shipped: 'Shipped',
  payment_failed: 'Payment failed',
  charging: 'Charging',
  skipped: 'Skipped',
  waiting: 'Waiting',
};

const n = (count: number) => count.toLocaleString('en-US');

/** A batch's progress bar, its tallies and one result per shipment; live until every shipment has settled. */
export function ShipBatchView({ progress }: { progress: ShipBatchProgress }) {
  const { counts, total } = progress;
  const settled = progress.finishedAt !== null && counts.charging === 0;
  const others = [
    counts.payment_failed > 0 && `${n(counts.payment_failed)} payment failed`,
    counts.skipped > 0 && `${n(counts.skipped)} skipped`,
    counts.charging > 0 && `${n(counts.charging)} still charging`,
  ].filter(Boolean);
  return (
    <div className="flex flex-col gap-6">
      <RefreshWhile active={!settled} />
      <section aria-labelledby="batch-progress-heading" className="flex max-w-2xl flex-col gap-2">
        <h2 id="batch-progress-heading" className="text-lg font-semibold">
          {settled ? 'Done' : 'Shipping…'}
        </h2>
        <progress value={progress.processed} max={total} aria-label="Shipping progress" className="h-3 w-full accent-brand-700" />
        <p role="status" className="text-sm">
          <span className="font-medium">
            {n(counts.shipped)} of {n(total)} shipped
          </span>
          {others.length > 0 && <span className="text-stone-700"> · {others.join(' · ')}</span>}
        </p>
        {!settled && <p className="text-sm text-stone-600">You can leave this page: shipping goes on in the background.</p>}
      </section>
      <section aria-labelledby="batch-results-heading" className="flex flex-col gap-3">
        <h2 id="batch-results-heading" className="text-lg font-semibold">
          Results
        </h2>
        <TableScroll label="Shipping results" bordered className="max-w-3xl">
          <table className="w-full text-sm">
            <caption className="sr-only">One result per shipment, in the order they ship</caption>
            <thead className="bg-stone-50">
              <ColumnHeaders columns={['Order', 'Shipment', 'Result', 'Details']} />
            </thead>
            <tbody>
              {progress.items.map((item) => (
                <tr key={`${item.orderNumber}-${item.sequence}`} className="border-t border-stone-200" data-result={item.result}>
                  <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                    <Link href={`/admin/orders/${item.orderNumber}`} className="text-brand-700 hover:underline">
                      #{item.orderNumber}
                    </Link>
                  </th>
                  <td className="px-3 py-2 whitespace-nowrap">{item.sequence}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{RESULT_LABELS[item.result]}</td>
                  <td className="min-w-48 px-3 py-2 text-stone-700">{item.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}
