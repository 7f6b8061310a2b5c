import type { ReactNode } from 'react';
import { LocalTime } from '@/components/ui/local-time';
import type { PurchaseOrderDetail } from '@/lib/purchasing/purchase-orders';
import { CancelForm } from './cancel-form';
import { ExpectedDate } from './expected-date';
import { MoveDateForm } from './move-date-form';
import { ReceivingPanel } from './receiving-panel';
import { PurchaseOrderStatusBadge } from './status-badge';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="shrink-0 text-stone-600 sm:w-40">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

const units = (n: number) => n.toLocaleString('en-US');

/** One purchase order as staff work with it: what it is, its lines and receiving them, and, while units are expected, moving or cancelling it. */
export function PurchaseOrderView({ po }: { po: PurchaseOrderDetail }) {
  const expecting = po.status === 'open' || po.status === 'partly_received';
  return (
    <div className="flex flex-col gap-8">
      <dl className="flex max-w-3xl flex-col gap-2 text-sm">
        <Fact term="Supplier">{po.supplier}</Fact>
        <Fact term="Expected arrival">
          <ExpectedDate date={po.expectedDate} status={po.status} />
        </Fact>
        <Fact term="Status">
          <PurchaseOrderStatusBadge status={po.status} />
        </Fact>
        <Fact term="Units">
          {units(po.received)} of {units(po.ordered)} received
          {expecting && po.open > 0 && <span className="text-stone-600"> ({units(po.open)} open)</span>}
        </Fact>
        <Fact term="Created">
          <LocalTime iso={po.createdAt.toISOString()} /> <span className="text-stone-600">by {po.createdBy}</span>
        </Fact>
      </dl>

      <Section id="po-lines" title="Lines">
        {!expecting && (
          <p className="text-sm text-stone-700">
            {po.status === 'received' ? 'Every unit has been received.' : 'Cancelled: the units not received are no longer expected.'}
          </p>
        )}
        <ReceivingPanel number={po.number} lines={po.lines} expecting={expecting} />
      </Section>

      {expecting && (
        <div className="grid gap-8 lg:grid-cols-2">
          <Section id="po-move" title="Move expected arrival">
            <p className="max-w-md text-sm text-stone-700">When the supplier gives a new date. The dates shoppers see for these items come from it.</p>
            <MoveDateForm number={po.number} expectedDate={po.expectedDate} />
          </Section>
          <Section id="po-cancel" title="Cancel purchase order">
            <p className="max-w-md text-sm text-stone-700">When the units still open are not coming. What was received stays in stock.</p>
            <CancelForm number={po.number} open={po.open} />
          </Section>
        </div>
      )}
    </div>
  );
}
