import type { Metadata } from 'next';
import Link from 'next/link';
import { DemandChart } from '@/components/admin/dashboard/demand-chart';
import { PaymentFailedSection } from '@/components/admin/dashboard/payment-failed';
import { AwaitingAnswersSection, LatePromisesSection } from '@/components/admin/dashboard/waiting-lines';
import { TableScroll } from '@/components/admin/table-scroll';
import { PostalAddressLines } from '@/components/orders/postal-address';
import { requireStaffPage } from '@/lib/auth/staff';
import { LocalTime } from '@/components/ui/local-time';
import { readDashboard } from '@/lib/inventory/dashboard';
import { formatMoney } from '@/lib/money/format';
import { awaitingAnswers, latePromises } from '@/lib/orders/attention';
import { paymentFailedShipments } from '@/lib/orders/payment-failed';
import { readyToShip } from '@/lib/orders/ready-to-ship';
import { ColumnHeaders } from '@/components/admin/column-headers';

export const metadata: Metadata = { title: 'Dashboard' };

// Sections appear only when there is something behind them.
export default async function DashboardPage() {
  await requireStaffPage();
  const [{ mostWanted, alerts }, ready, failed, late, awaiting] = await Promise.all([
    readDashboard(),
    readyToShip(),
    paymentFailedShipments(),
    latePromises(),
    awaitingAnswers(),
  ]);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>
      {ready.length > 0 && (
        <section aria-labelledby="ready-heading" className="flex flex-col gap-3">
          <h2 id="ready-heading" className="text-lg font-semibold">
            Ready to ship
          </h2>
          <p className="text-sm text-stone-700">Shipments whose units are all in stock, oldest order first.</p>
          <TableScroll label="Shipments ready to ship" className="max-w-3xl">
            <table className="w-full text-sm">
              <caption className="sr-only">Shipments ready to ship</caption>
              <thead className="bg-stone-50">
                <ColumnHeaders columns={['Order', 'Ship to', { label: 'Units', numeric: true }, { label: 'To charge', numeric: true }, 'Placed']} />
              </thead>
              <tbody>
                {ready.map((r) => (
                  <tr key={r.shipmentId} className="border-t border-stone-200">
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      <Link href={`/admin/orders/${r.orderNumber}`} className="text-brand-700 hover:underline">
                        #{r.orderNumber}
                      </Link>
                    </th>
                    <td className="px-3 py-2 whitespace-nowrap">
                      <PostalAddressLines address={r.address} />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.units}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoney(r.amountCents, r.currency)}</td>
                    <td className="px-3 py-2">
                      <LocalTime iso={r.placedAt.toISOString()} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
      {failed.length > 0 && <PaymentFailedSection rows={failed} />}
      {late.length > 0 && <LatePromisesSection rows={late} />}
      {awaiting.length > 0 && <AwaitingAnswersSection rows={awaiting} />}
      {mostWanted.length > 0 && (
        <section aria-labelledby="wanted-heading" className="flex flex-col gap-3">
          <h2 id="wanted-heading" className="text-lg font-semibold">
            Most wanted
          </h2>
          <p className="text-sm text-stone-700">
            Units promised to orders, committed from stock or waiting for stock to arrive, and shoppers who asked to be emailed when a sold-out variant is back.
          </p>
          <DemandChart bars={mostWanted} />
        </section>
      )}
      <section aria-labelledby="alerts-heading" className="flex flex-col gap-3">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Low stock and reorder alerts
        </h2>
        {alerts.length === 0 ? (
          <p className="text-sm text-stone-700">Every variant is above its low-stock threshold and reorder point.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200 rounded-xl border border-stone-200">
            {alerts.map((a) => (
              <li key={a.variantId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm">
                <span>
                  <span className="font-medium">{a.label}</span> <span className="font-mono text-xs text-stone-600">{a.sku}</span>
                </span>
                <span className="flex items-center gap-3">
                  <span className="tabular-nums">
                    {a.sellable} sellable{a.needsReorder ? `, reorder point ${a.reorderPoint}` : ''}
                  </span>
                  {a.needsReorder ? (
                    <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Reorder</span>
                  ) : (
                    <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">Low stock</span>
                  )}
                  <Link href={`/admin/inventory/${a.variantId}`} className="font-medium text-brand-700 hover:underline">
                    Adjust<span className="sr-only"> stock of {a.sku}</span>
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
