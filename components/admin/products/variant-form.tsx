'use client';
import { createVariantAction, updateVariantAction } from '@/components/admin/products/variant-actions';
import { FormOutcome, SelectField, SubmitButton, TextField } from '@/components/admin/fields';
import { useActionForm } from './use-action-form';

export interface VariantFormValues {
  id: string;
  title: string;
  sku: string;
  optionValues: string[];
  price: string;
  inventoryPolicy: 'deny' | 'backorder' | 'preorder';
  waitingLimit: string;
  shipDateSource: 'none' | 'fixed_date' | 'lead_time';
  fixedShipDate: string;
  leadTimeDays: string;
  releaseDate: string;
  lowStockThreshold: string;
  safetyStock: string;
  version: string;
}

const POLICIES = [
  { value: 'deny', label: 'Deny — sell only what is in stock' },
  { value: 'backorder', label: 'Backorder — keep selling, with a ship date' },
  { value: 'preorder', label: 'Pre-order — sell before the release date' },
];

const SHIP_DATE_SOURCES = [
  { value: 'none', label: 'None — no ship date, so no backorders' },
  { value: 'fixed_date', label: 'Fixed date' },
  { value: 'lead_time', label: 'Lead time in days' },
];

/** Adds a variant to a product (no `variant`) or edits one. Stock on hand is not edited here. */
export function VariantForm({ productId, optionNames, variant }: { productId: string; optionNames: string[]; variant?: VariantFormValues }) {
  const { formRef, onSubmit, formAction, pending, fieldErrors, error, message } = useActionForm(variant ? updateVariantAction : createVariantAction);

  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {variant ? <input type="hidden" name="id" value={variant.id} /> : <input type="hidden" name="productId" value={productId} />}
      <div key={variant?.version} className="flex flex-col gap-5">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            name="title"
            label="Title"
            defaultValue={variant?.title}
            errors={fieldErrors.title}
            hint={optionNames.length > 0 ? 'Leave empty to name it after its options, e.g. “M / Navy”.' : 'Leave empty for “Default”.'}
          />
          <TextField
            name="sku"
            label="SKU"
            required
            defaultValue={variant?.sku}
            autoComplete="off"
            spellCheck={false}
            errors={fieldErrors.sku}
            hint="Letters, digits, hyphens, dots and underscores; saved in capitals."
          />
        </div>

        {optionNames.length > 0 && (
          <fieldset className="flex flex-col gap-4 rounded-xl border border-stone-200 p-4">
            <legend className="px-1 text-sm font-semibold">Options</legend>
            <div className="grid gap-5 sm:grid-cols-3">
              {optionNames.map((name, i) => (
                <TextField key={name} name={`option${i}`} label={name} required defaultValue={variant?.optionValues[i]} errors={fieldErrors[`option${i}`]} />
              ))}
            </div>
          </fieldset>
        )}

        <TextField
          name="price"
          label="Price"
          required
          inputMode="decimal"
          autoComplete="off"
          defaultValue={variant?.price}
          errors={fieldErrors.price}
          hint="In US dollars, e.g. 24.00."
          className="max-w-48"
        />

        <fieldset className="flex flex-col gap-5 rounded-xl border border-stone-200 p-4">
          <legend className="px-1 text-sm font-semibold">Selling past stock</legend>
          <SelectField
            name="inventoryPolicy"
            label="Inventory policy"
            options={POLICIES}
            defaultValue={variant?.inventoryPolicy ?? 'deny'}
            errors={fieldErrors.inventoryPolicy}
          />
          <TextField
            name="waitingLimit"
            label="Backorder limit"
            inputMode="numeric"
            defaultValue={variant?.waitingLimit}
            errors={fieldErrors.waitingLimit}
            hint="Most units that may be sold past stock at once. Leave empty for no limit."
            className="max-w-48"
          />
          <SelectField
            name="shipDateSource"
            label="Ship date source"
            options={SHIP_DATE_SOURCES}
            defaultValue={variant?.shipDateSource ?? 'none'}
            errors={fieldErrors.shipDateSource}
            hint="How backordered units get their ship date. Backorders need one."
          />
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField
              name="fixedShipDate"
              label="Expected ship date"
              type="date"
              defaultValue={variant?.fixedShipDate}
              errors={fieldErrors.fixedShipDate}
              hint="For a fixed date."
            />
            <TextField
              name="leadTimeDays"
              label="Lead time (days)"
              inputMode="numeric"
              defaultValue={variant?.leadTimeDays}
              errors={fieldErrors.leadTimeDays}
              hint="For a lead time: days from the order to shipping."
            />
          </div>
          <TextField
            name="releaseDate"
            label="Release date"
            type="date"
            defaultValue={variant?.releaseDate}
            errors={fieldErrors.releaseDate}
            hint="For pre-orders: the day it starts shipping."
            className="max-w-64"
          />
        </fieldset>

        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            name="lowStockThreshold"
            label="Low-stock threshold"
            inputMode="numeric"
            defaultValue={variant?.lowStockThreshold ?? '3'}
            errors={fieldErrors.lowStockThreshold}
            hint="Shoppers see “Only N left” at or below this many."
          />
          <TextField
            name="safetyStock"
            label="Safety stock"
            inputMode="numeric"
            defaultValue={variant?.safetyStock ?? '0'}
            errors={fieldErrors.safetyStock}
            hint="Units to keep in reserve."
          />
        </div>
      </div>
      <FormOutcome message={message} error={error} />
      <SubmitButton pending={pending} pendingText="Saving…">
        {variant ? 'Save variant' : 'Add variant'}
      </SubmitButton>
    </form>
  );
}
