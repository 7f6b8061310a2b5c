'use client';
import { ConfirmActionForm } from '@/components/admin/confirm-action-form';
import { cancelPurchaseOrderAction } from './actions';

/** "Cancel purchase order", then "Yes, cancel it" or "Keep it" (the page reloads with a notice once it is done). */
export function CancelForm({ number, open }: { number: number; open: number }) {
  return (
    <ConfirmActionForm
      action={cancelPurchaseOrderAction}
      fields={{ number }}
      startLabel="Cancel purchase order"
      question={
        <>
          Cancel purchase order {number}? Its {open.toLocaleString('en-US')} open {open === 1 ? 'unit is' : 'units are'} no longer expected; what was received
          stays in stock.
        </>
      }
      confirmLabel="Yes, cancel it"
      pendingLabel="Cancelling…"
      keepLabel="Keep it"
    />
  );
}
