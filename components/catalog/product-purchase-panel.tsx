'use client';
import Link from 'next/link';
import { useActionState, useEffect, useId, useState } from 'react';
import { NotifyForm } from '@/components/back-in-stock/notify-form';
import { addToCartAction } from '@/components/cart/actions';
import { announceCartCount } from '@/components/cart/cart-events';
import { AVAILABLE_AGAIN } from '@/lib/back-in-stock/copy';
import { allocate } from '@/lib/catalog/availability';
import { allocationText, lowStockText, offerHeadline } from '@/lib/catalog/availability-copy';
import type { VariantOffer } from '@/lib/catalog/types';
import { formatMoney } from '@/lib/money/format';
import { optionValues, pickVariant } from './variant-options';
import { useShopperLocale } from './use-shopper-locale';

const MAX_QUANTITY = 99;

/**
 * Variant picker, quantity and the availability of that variant at that quantity, and the
 * "Add to cart" form; a sold-out variant has no quantity and no button but the back-in-stock form.
 * The page is cached and shared: what this shopper's cart holds is never rendered here, only the
 * outcome of their own add.
 */
export function ProductPurchasePanel({ optionNames, variants }: { optionNames: string[]; variants: VariantOffer[] }) {
  const locale = useShopperLocale();
  const quantityId = useId();
  const formId = `${quantityId}-add-to-cart`;
  const [picked, setSelected] = useState<VariantOffer>(() => variants.find((v) => v.offer.state !== 'sold_out') ?? variants[0]!);
  // The picked variant as the latest render of the page offers it (a refresh brings new offers).
  const selected = variants.find((v) => v.id === picked.id) ?? picked;
  // The variant the back-in-stock form found purchasable after all, to say so once it can be bought.
  const [backAgain, setBackAgain] = useState<string | null>(null);
  const [quantityInput, setQuantityInput] = useState('1');

  const quantity = Number(quantityInput);
  const quantityValid = Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY;
  const allocation = quantityValid ? allocate(selected.offer, quantity) : null;
  const buyable = selected.offer.state !== 'sold_out';
  // Only about a quantity the shopper can see: a sold-out variant shows no quantity box.
  const detail = buyable && allocation && allocation.requested > 1 ? allocationText(allocation, { locale }) : null;
  const low = lowStockText(selected.offer);
  const [added, addAction, adding] = useActionState(addToCartAction, null);

  useEffect(() => {
    if (added?.ok) announceCartCount(added.data.count);
  }, [added]);

  return (
    <div className="flex flex-col gap-6">
      <p className="text-2xl font-semibold">
        <span className="sr-only">Price: </span>
        {formatMoney(selected.priceCents, selected.currency, locale)}
      </p>

      {optionNames.map((name, index) => (
        <fieldset key={name} className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium">{name}</legend>
          <div className="flex flex-wrap gap-2">
            {optionValues(variants, index).map((value) => {
              const id = `${quantityId}-${index}-${value}`;
              return (
                <div key={value}>
                  <input
                    type="radio"
                    id={id}
                    name={`option-${index}`}
                    value={value}
                    checked={selected.optionValues[index] === value}
                    onChange={() => setSelected(pickVariant(variants, selected, index, value))}
                    className="peer sr-only"
                  />
                  <label
                    htmlFor={id}
                    className="block cursor-pointer rounded-lg border border-stone-300 px-4 py-2 text-sm peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600"
                  >
                    {value}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}

      {/* A sold-out variant has nothing to choose a quantity for. */}
      {buyable && (
        <div className="flex flex-col gap-2">
          <label htmlFor={quantityId} className="text-sm font-medium">
            Quantity
          </label>
          <input
            id={quantityId}
            // Part of the add-to-cart form below, while staying ahead of it in the page (the form
            // starts with the hidden fields React adds so it works before hydration).
            form={formId}
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_QUANTITY}
            value={quantityInput}
            onChange={(e) => setQuantityInput(e.target.value)}
            aria-invalid={!quantityValid}
            aria-describedby={quantityValid ? undefined : `${quantityId}-error`}
            className="w-24 rounded-lg border border-stone-300 px-3 py-2"
          />
          {!quantityValid && (
            <p id={`${quantityId}-error`} className="text-sm text-red-800">
              Enter a whole number from 1 to {MAX_QUANTITY}.
            </p>
          )}
        </div>
      )}

      <section aria-label="Availability" className="rounded-xl border border-stone-200 bg-stone-50 p-4">
        <div role="status" aria-live="polite" className="flex flex-col gap-1">
          <p className="font-semibold" data-availability={selected.offer.state}>
            {offerHeadline(selected.offer, { locale })}
          </p>
          {low && <p className="font-medium text-red-800">{low}</p>}
          {detail && <p>{detail}</p>}
          {buyable && backAgain === selected.id && <p>{AVAILABLE_AGAIN}</p>}
        </div>
      </section>

      {!buyable && <NotifyForm key={selected.id} variantId={selected.id} onAvailable={() => setBackAgain(selected.id)} />}

      <form id={formId} action={addAction} className="flex flex-col gap-3">
        <input type="hidden" name="variantId" value={selected.id} />
        {buyable && (
          <button
            type="submit"
            disabled={adding || !quantityValid}
            className="self-start rounded-lg bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {adding ? 'Adding…' : 'Add to cart'}
          </button>
        )}
        <p role="status" aria-live="polite" className={`min-h-6 text-sm ${added && !added.ok ? 'text-red-800' : 'text-emerald-800'}`}>
          {added ? (added.ok ? added.message : added.error) : null}
          {added?.ok && (
            <>
              {' '}
              <Link href="/cart" className="font-medium underline">
                View cart
              </Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
