'use client';
import Link from 'next/link';
import { useActionState, useEffect, useId, useMemo, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { placeOrderAction, prepareCardAction } from '@/components/checkout/actions';
import { regionRule, SHIPPING_COUNTRIES } from '@/lib/checkout/address-format';
import type { CheckoutField } from '@/lib/checkout/input';
import { CHARGE_STATEMENT } from '@/lib/checkout/plan-copy';
import { firstFieldErrors } from '@/lib/forms/action-result';
import type { PublicPaymentsConfig } from '@/lib/payments/config';
import { CardStep } from './card-step';

export interface CheckoutFormProps {
  /** Digest of the quote this page shows; "Place order" sends it back so the server can tell if anything moved. */
  quoteFingerprint: string;
  /** The consent to ask for when units ship later (null: everything ships now). */
  consentText: string | null;
  /** False when some line cannot be had: the shopper must change the cart first. */
  placeable: boolean;
  payments: PublicPaymentsConfig;
}

type TextField = { name: CheckoutField; label: string; autoComplete: string; type?: string };
const CONTACT: TextField[] = [
  { name: 'email', label: 'Email', autoComplete: 'email', type: 'email' },
  { name: 'fullName', label: 'Full name', autoComplete: 'name' },
];
const STREET: TextField[] = [
  { name: 'addressLine', label: 'Address', autoComplete: 'street-address' },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
];
const POSTAL: TextField = { name: 'postalCode', label: 'Postal code', autoComplete: 'postal-code' };
/** The fields in the order the form shows them (the first one with an error gets the focus). */
const FIELD_ORDER: (CheckoutField | 'consent' | 'card')[] = ['email', 'fullName', 'country', 'addressLine', 'city', 'region', 'postalCode', 'consent'];

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-sm text-red-800">
      {message}
    </p>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/**
 * The checkout: contact and delivery details, the card step (a SetupIntent confirmed in the
 * browser by lib/payments' form), the consent when units ship later, and "Place order". Every
 * field is validated on the server; errors appear next to their fields.
 */
export function CheckoutForm({ quoteFingerprint, consentText, placeable, payments }: CheckoutFormProps) {
  const id = useId();
  const detailsRef = useRef<HTMLFormElement>(null);
  const [prepare, prepareAction, preparing] = useActionState(prepareCardAction, null);
  const [place, placeAction, placing] = useActionState(placeOrderAction, null);
  const [, startTransition] = useTransition();
  const [last, setLast] = useState<'prepare' | 'place' | null>(null);
  const [email, setEmail] = useState('');
  const [country, setCountry] = useState<string>('US');
  const region = regionRule(country);
  const [saved, setSaved] = useState<{ clientSecret: string; setupIntentId: string } | null>(null);

  // The card step belongs to the email it was prepared for: a new email needs a new one.
  const emailNow = email.trim().toLowerCase();
  const step = prepare?.ok && prepare.data.email === emailNow ? prepare.data : null;
  const setupIntentId = step?.status === 'saved' ? step.setupIntentId : step && saved && saved.clientSecret === step.clientSecret ? saved.setupIntentId : '';

  const errors = useMemo(() => {
    const refused = last === 'place' ? place : last === 'prepare' ? prepare : null;
    return firstFieldErrors(refused && !refused.ok ? (refused.fieldErrors ?? {}) : {});
  }, [last, place, prepare]);
  const errorId = (field: string) => `${id}-${field}-error`;

  useEffect(() => {
    // Take the shopper to the first field that needs attention.
    const first = FIELD_ORDER.find((f) => errors[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  }, [errors, id]);

  function continueToPayment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLast('prepare');
    const formData = new FormData(event.currentTarget);
    startTransition(() => prepareAction(formData));
  }

  function placeOrder(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setLast('place');
    const formData = new FormData(detailsRef.current!);
    for (const [key, value] of new FormData(event.currentTarget)) formData.append(key, value);
    startTransition(() => placeAction(formData));
  }

  const placeMessage = last === 'place' && place && !place.ok ? place : null;

  const textField = (f: TextField) => (
    <div key={f.name} className="flex flex-col gap-1">
      <label htmlFor={`${id}-${f.name}`} className="text-sm font-medium">
        {f.label}
      </label>
      <input
        id={`${id}-${f.name}`}
        name={f.name}
        type={f.type ?? 'text'}
        autoComplete={f.autoComplete}
        required
        onChange={f.name === 'email' ? (e) => setEmail(e.target.value) : undefined}
        aria-invalid={!!errors[f.name]}
        aria-describedby={errors[f.name] ? errorId(f.name) : undefined}
        className="rounded-lg border border-stone-300 px-3 py-2 aria-invalid:border-red-700"
      />
      <FieldError id={errorId(f.name)} message={errors[f.name]} />
    </div>
  );

  return (
    <div className="flex flex-col gap-10">
      <Section id={`${id}-details-heading`} title="Contact and delivery">
        <form ref={detailsRef} noValidate onSubmit={continueToPayment} className="flex flex-col gap-4">
          {CONTACT.map(textField)}
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-country`} className="text-sm font-medium">
              Country
            </label>
            <select
              id={`${id}-country`}
              name="country"
              autoComplete="country"
              value={country}
              onChange={(e) => setCountry(e.target.value)}
              aria-invalid={!!errors.country}
              aria-describedby={errors.country ? errorId('country') : undefined}
              className="rounded-lg border border-stone-300 px-3 py-2"
            >
              {SHIPPING_COUNTRIES.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
            <FieldError id={errorId('country')} message={errors.country} />
          </div>
          {STREET.map(textField)}
          {region && (
            <div className="flex flex-col gap-1">
              <label htmlFor={`${id}-region`} className="text-sm font-medium">
                {region.label}
              </label>
              {/* Keyed by country: another country's codes start from the empty choice again. */}
              <select
                key={country}
                id={`${id}-region`}
                name="region"
                autoComplete="address-level1"
                required
                defaultValue=""
                aria-invalid={!!errors.region}
                aria-describedby={errors.region ? errorId('region') : undefined}
                className="rounded-lg border border-stone-300 px-3 py-2 aria-invalid:border-red-700"
              >
                <option value="">{`Choose a ${region.label.toLowerCase()}`}</option>
                {region.options.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
              <FieldError id={errorId('region')} message={errors.region} />
            </div>
          )}
          {textField(POSTAL)}
          <button
            type="submit"
            disabled={preparing}
            className="self-start rounded-lg border border-brand-700 px-4 py-2 font-medium text-brand-900 hover:bg-brand-50 disabled:opacity-60"
          >
            {preparing ? 'Checking…' : 'Continue to payment'}
          </button>
          <p role="status" className="min-h-5 text-sm text-red-800">
            {last === 'prepare' && prepare && !prepare.ok ? prepare.error : ''}
          </p>
        </form>
      </Section>

      <Section id={`${id}-payment-heading`} title="Payment">
        <p className="text-sm">{CHARGE_STATEMENT}</p>
        {!step && <p className="text-sm text-stone-700">Enter your details, then choose “Continue to payment” to save your card.</p>}
        {step?.status === 'needs_card' && (
          <CardStep
            key={step.clientSecret}
            clientSecret={step.clientSecret}
            config={payments}
            onSaved={(setupIntent) => setSaved({ clientSecret: step.clientSecret, setupIntentId: setupIntent })}
          />
        )}
        {step?.status === 'saved' && (
          <p role="status" className="rounded-lg border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Card saved: {step.card}.
          </p>
        )}
        <FieldError id={errorId('card')} message={errors.card} />
      </Section>

      <Section id={`${id}-place-heading`} title="Place your order">
        <form noValidate onSubmit={placeOrder} className="flex flex-col gap-4">
          <input type="hidden" name="quoteFingerprint" value={quoteFingerprint} />
          <input type="hidden" name="setupIntentId" value={setupIntentId} />
          {consentText && (
            <div className="flex flex-col gap-1">
              <div className="flex items-start gap-3">
                {/* A new text (the dates moved) must be agreed to again: the box starts unticked. */}
                <input
                  key={consentText}
                  id={`${id}-consent`}
                  name="consent"
                  value="yes"
                  type="checkbox"
                  aria-invalid={!!errors.consent}
                  aria-describedby={errors.consent ? errorId('consent') : undefined}
                  className="mt-1 h-4 w-4 shrink-0"
                />
                <label htmlFor={`${id}-consent`} className="text-sm">
                  {consentText}
                </label>
              </div>
              <FieldError id={errorId('consent')} message={errors.consent} />
            </div>
          )}
          {!placeable && (
            <p className="text-sm font-medium text-red-800">
              Some items cannot be ordered as they are.{' '}
              <Link href="/cart" className="underline">
                Change them in your cart
              </Link>
              .
            </p>
          )}
          <button
            type="submit"
            disabled={placing || !placeable}
            className="self-start rounded-lg bg-brand-700 px-6 py-3 font-semibold text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {placing ? 'Placing order…' : 'Place order'}
          </button>
          <div
            role="alert"
            className={
              placeMessage && placeMessage.code !== 'invalid' ? 'rounded-lg border border-red-700 bg-red-50 p-3 text-sm text-red-900' : 'text-sm text-red-800'
            }
          >
            {placeMessage && <p className="font-medium">{placeMessage.error}</p>}
            {placeMessage?.details && placeMessage.details.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {placeMessage.details.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
          </div>
        </form>
      </Section>
    </div>
  );
}
