'use client';
import { useEffect, useRef, useState } from 'react';
import { FormOutcome, SubmitButton, TextField } from '@/components/admin/fields';
import { useActionForm } from '@/components/admin/products/use-action-form';
import { MAX_PURCHASE_ORDER_LINES } from '@/lib/purchasing/limits';
import { createPurchaseOrderAction } from './actions';

const FIRST_ROWS = 3;
const CONTROL = 'w-full rounded-lg border border-stone-300 bg-white px-3 py-2 aria-invalid:border-red-700 aria-invalid:ring-1 aria-invalid:ring-red-700';

interface LineRowProps {
  row: number;
  skuErrors?: string[];
  quantityErrors?: string[];
  /** An error about the lines as a whole, shown above them and pointed at from this row's SKU. */
  linesErrorId?: string;
}

function LineRow({ row, skuErrors, quantityErrors, linesErrorId }: LineRowProps) {
  const line = row + 1;
  const skuErrorId = `po-line-${row}-sku-error`;
  const quantityErrorId = `po-line-${row}-quantity-error`;
  const skuInvalid = !!skuErrors?.length || !!linesErrorId;
  return (
    <li className="grid grid-cols-[3.5rem_minmax(0,1fr)_6.5rem] items-start gap-2 sm:grid-cols-[4rem_minmax(0,20rem)_8rem]">
      <span className="py-2 text-sm text-stone-600" aria-hidden="true">
        Line {line}
      </span>
      <div className="flex flex-col gap-1">
        <input
          id={`po-line-${row}-sku`}
          name={`lines.${row}.sku`}
          aria-label={`SKU, line ${line}`}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={skuInvalid || undefined}
          aria-describedby={[skuErrors?.length ? skuErrorId : null, linesErrorId].filter(Boolean).join(' ') || undefined}
          className={`${CONTROL} font-mono text-sm uppercase`}
        />
        {skuErrors?.length ? (
          <p id={skuErrorId} className="text-sm font-medium text-red-800">
            {skuErrors.join(' ')}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <input
          name={`lines.${row}.quantity`}
          aria-label={`Quantity, line ${line}`}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          aria-invalid={quantityErrors?.length ? true : undefined}
          aria-describedby={quantityErrors?.length ? quantityErrorId : undefined}
          className={`${CONTROL} tabular-nums`}
        />
        {quantityErrors?.length ? (
          <p id={quantityErrorId} className="text-sm font-medium text-red-800">
            {quantityErrors.join(' ')}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** A supplier, an expected arrival and lines of SKU and quantity; empty rows are left out. */
export function NewPurchaseOrderForm() {
  const { formRef, onSubmit, formAction, pending, fieldErrors, error, message } = useActionForm(createPurchaseOrderAction);
  const [rows, setRows] = useState(FIRST_ROWS);
  const added = useRef(false);
  const linesError = fieldErrors.lines;

  // A row added from the keyboard gets the focus, ready for its SKU.
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    document.getElementById(`po-line-${rows - 1}-sku`)?.focus();
  }, [rows]);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      <TextField name="supplier" label="Supplier" required autoComplete="organization" errors={fieldErrors.supplier} />
      <TextField
        name="expectedDate"
        label="Expected arrival"
        type="date"
        required
        hint="When the supplier says it arrives."
        errors={fieldErrors.expectedDate}
        className="w-48"
      />
      <fieldset className="flex flex-col gap-3" aria-describedby="po-lines-hint">
        <legend className="text-sm font-medium">Lines</legend>
        <p id="po-lines-hint" className="text-sm text-stone-600">
          Each variant’s SKU and the units ordered. Empty rows are left out.
        </p>
        {linesError?.length ? (
          <p id="po-lines-error" className="text-sm font-medium text-red-800">
            {linesError.join(' ')}
          </p>
        ) : null}
        <div className="grid grid-cols-[3.5rem_minmax(0,1fr)_6.5rem] gap-2 text-sm font-medium sm:grid-cols-[4rem_minmax(0,20rem)_8rem]" aria-hidden="true">
          <span />
          <span>SKU</span>
          <span>Quantity</span>
        </div>
        <ol className="flex flex-col gap-2">
          {Array.from({ length: rows }, (_, row) => (
            <LineRow
              key={row}
              row={row}
              skuErrors={fieldErrors[`lines.${row}.sku`] ?? fieldErrors[`lines.${row}`]}
              quantityErrors={fieldErrors[`lines.${row}.quantity`]}
              // "Add at least one line" is the first row's to fix: the focus goes there.
              linesErrorId={row === 0 && linesError?.length ? 'po-lines-error' : undefined}
            />
          ))}
        </ol>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="button"
            disabled={rows >= MAX_PURCHASE_ORDER_LINES}
            onClick={() => {
              added.current = true;
              setRows((n) => Math.min(n + 1, MAX_PURCHASE_ORDER_LINES));
            }}
            className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600 disabled:opacity-60"
          >
            Add line
          </button>
          {rows >= MAX_PURCHASE_ORDER_LINES && <p className="text-sm text-stone-600">A purchase order can have at most {MAX_PURCHASE_ORDER_LINES} lines.</p>}
        </div>
      </fieldset>
      <FormOutcome message={message} error={error} />
      <SubmitButton pending={pending} pendingText="Creating…">
        Create purchase order
      </SubmitButton>
    </form>
  );
}
