'use client';
import { useEffect, useRef } from 'react';
import { FormOutcome, SubmitButton, TextField } from '@/components/admin/fields';
import { useActionForm } from '@/components/admin/products/use-action-form';
import { shipShipmentAction } from './actions';

/**
 * "Ship" for one ready shipment: an optional carrier and tracking number, then the charge
 * (lib/shipping/ship-shipment.ts). Once the shipment has left "Ready to ship" the fields go and
 * the answer stays, so keep rendering it in the same place (available false) after the action.
 */
export function ShipForm({ shipmentId, available }: { shipmentId: string; available: boolean }) {
  const { formRef, onSubmit, formAction, pending, fieldErrors, error, message } = useActionForm(shipShipmentAction);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const hasFieldErrors = Object.keys(fieldErrors).length > 0;

  // The button that had the focus goes with the fields once the shipment ships or its payment
  // fails: the focus moves to the answer. (Field errors keep it on the field, useActionForm.)
  useEffect(() => {
    if ((message || error) && !hasFieldErrors) outcomeRef.current?.focus();
  }, [message, error, hasFieldErrors]);

  if (!available && !message && !error) return null;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex flex-col gap-2 border-t border-stone-200 pt-3" noValidate>
      <input type="hidden" name="shipmentId" value={shipmentId} />
      {available && (
        <div className="flex flex-wrap items-start gap-3">
          <TextField name="carrier" label="Carrier" autoComplete="off" errors={fieldErrors.carrier} className="w-40" />
          <TextField name="trackingNumber" label="Tracking number" autoComplete="off" spellCheck={false} errors={fieldErrors.trackingNumber} className="w-64" />
          {/* Level with the fields: the label's line above them. */}
          <div className="flex flex-col gap-1">
            <span aria-hidden="true" className="text-sm">
              &nbsp;
            </span>
            <SubmitButton pending={pending} pendingText="Charging…">
              Ship
            </SubmitButton>
          </div>
        </div>
      )}
      <div ref={outcomeRef} tabIndex={-1} className="outline-none">
        <FormOutcome message={message} error={error} />
      </div>
    </form>
  );
}
