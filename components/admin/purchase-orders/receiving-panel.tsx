'use client';
import Link from 'next/link';
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { ColumnHeaders } from '@/components/admin/column-headers';
import { FormOutcome } from '@/components/admin/fields';
import { TableScroll } from '@/components/admin/table-scroll';
import type { ActionState } from '@/lib/forms/action-result';
import type { PurchaseOrderDetailLine } from '@/lib/purchasing/purchase-orders';
import { receiveAllAction, receiveLineAction } from './actions';

const ERROR_ID = 'po-receive-error';
const BUTTON = 'rounded-lg px-3 py-1.5 font-medium disabled:opacity-60';

/** Both receipts answer in one place, under the table: a line's "Receive" and "Receive all". */
async function receiveAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return formData.has('lineId') ? receiveLineAction(prev, formData) : receiveAllAction(prev, formData);
}

/**
 * The lines of a purchase order, and, while it still expects units, a quantity to receive on each
 * open line and "Receive all". Forms are sent by script and never reset, so a refused quantity
 * stays to be corrected; a received line's field starts empty again (it is keyed by what it holds).
 */
export function ReceivingPanel({ number, lines, expecting }: { number: number; lines: PurchaseOrderDetailLine[]; expecting: boolean }) {
  const [state, dispatch, pending] = useActionState(receiveAction, null);
  const [lastLineId, setLastLineId] = useState<string | null>(null);
  const open = lines.reduce((n, l) => n + l.open, 0);
  const refusedLine = state && !state.ok && state.fieldErrors?.quantity ? lastLineId : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const lineId = data.get('lineId');
    setLastLineId(typeof lineId === 'string' ? lineId : null);
    startTransition(() => dispatch(data));
  }

  return (
    <div className="flex flex-col gap-4">
      <TableScroll label="Purchase order lines" bordered>
        <table className="w-full text-sm">
          <caption className="sr-only">Lines of purchase order {number}</caption>
          <thead className="bg-stone-50">
            <ColumnHeaders
              columns={[
                'SKU',
                'Item',
                { label: 'Ordered', numeric: true },
                { label: 'Received', numeric: true },
                { label: 'Open', numeric: true },
                ...(expecting ? ['Receive'] : []),
              ]}
            />
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-stone-200">
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium whitespace-nowrap">
                  {l.sku}
                </th>
                <td className="min-w-48 px-3 py-2">
                  <Link href={`/admin/inventory/${l.variantId}`} className="text-brand-700 hover:underline">
                    {l.product}
                  </Link>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{l.quantity.toLocaleString('en-US')}</td>
                <td className="px-3 py-2 text-right tabular-nums">{l.received.toLocaleString('en-US')}</td>
                <td className="px-3 py-2 text-right tabular-nums">{l.open.toLocaleString('en-US')}</td>
                {expecting && (
                  <td className="px-3 py-2">
                    {l.open > 0 ? (
                      <form key={l.received} onSubmit={onSubmit} className="flex items-center gap-2" noValidate>
                        <input type="hidden" name="number" value={number} />
                        <input type="hidden" name="lineId" value={l.id} />
                        <label htmlFor={`po-receive-${l.id}`} className="sr-only">
                          Quantity to receive
                        </label>
                        <input
                          id={`po-receive-${l.id}`}
                          name="quantity"
                          type="number"
                          inputMode="numeric"
                          min={1}
                          max={l.open}
                          step={1}
                          placeholder={String(l.open)}
                          aria-invalid={refusedLine === l.id || undefined}
                          aria-describedby={refusedLine === l.id ? ERROR_ID : undefined}
                          className="w-24 rounded-lg border border-stone-300 bg-white px-2 py-1.5 tabular-nums aria-invalid:border-red-700 aria-invalid:ring-1 aria-invalid:ring-red-700"
                        />
                        <button type="submit" disabled={pending} className={`${BUTTON} border border-stone-300 bg-white hover:border-brand-600`}>
                          Receive
                        </button>
                      </form>
                    ) : (
                      <span className="text-stone-600">All in</span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {expecting && open > 0 && (
        <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="number" value={number} />
          <button type="submit" disabled={pending} className={`${BUTTON} bg-brand-700 px-4 py-2 text-white hover:bg-brand-900`}>
            {pending ? 'Receiving…' : 'Receive all'}
          </button>
          <p className="text-sm text-stone-600">
            Receives the {open.toLocaleString('en-US')} open {open === 1 ? 'unit' : 'units'}. Arriving units go to waiting orders first, oldest first.
          </p>
        </form>
      )}
      <div id={ERROR_ID}>
        <FormOutcome message={state?.ok ? state.message : ''} error={state && !state.ok ? state.error : ''} />
      </div>
    </div>
  );
}
