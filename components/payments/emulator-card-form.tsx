'use client';
import { useId, useRef, useState, type FormEvent } from 'react';
import { readCardFields, type CardFieldErrors } from '@/lib/payments/browser/card-input';
import { confirmEmulatedSetup, finishEmulatedSetupAuthentication, NETWORK_ERROR, type EmulatedSetupResult } from '@/lib/payments/browser/emulator-setup';
import { TEST_CARD_HINTS } from '@/lib/payments/browser/test-cards';
import { EmulatedAuthenticationDialog } from './emulated-authentication-dialog';

interface Props {
  clientSecret: string;
  publishableKey: string;
  onSaved: (setupIntentId: string) => void;
  onError?: (message: string) => void;
}

type Field = keyof CardFieldErrors;
const FIELDS: { name: Field; label: string; autoComplete: string; placeholder: string; inputMode: 'numeric'; maxLength: number }[] = [
  { name: 'number', label: 'Card number', autoComplete: 'cc-number', placeholder: '4242 4242 4242 4242', inputMode: 'numeric', maxLength: 23 },
  { name: 'expiry', label: 'Expiry', autoComplete: 'cc-exp', placeholder: 'MM / YY', inputMode: 'numeric', maxLength: 9 },
  { name: 'cvc', label: 'CVC', autoComplete: 'cc-csc', placeholder: '123', inputMode: 'numeric', maxLength: 4 },
];

/**
 * Emulator mode: a card form clearly marked as test mode that confirms the SetupIntent against
 * the offline Stripe emulator (/v1/setup_intents/:id/confirm), as Stripe.js would against
 * api.stripe.com. A 3D Secure card opens the emulated authentication step.
 */
export function EmulatorCardForm({ clientSecret, publishableKey, onSaved, onError }: Props) {
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ number: '', expiry: '', cvc: '' });
  const [fieldErrors, setFieldErrors] = useState<CardFieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [authenticating, setAuthenticating] = useState(false);
  const [authError, setAuthError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});

  function settle(result: EmulatedSetupResult) {
    if (result.status === 'succeeded') {
      setSaved(true);
      onSaved(result.setupIntentId);
    } else if (result.status === 'requires_action') {
      setAuthError(null);
      setAuthenticating(true);
    } else {
      setError(result.message);
      onError?.(result.message);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const read = readCardFields(values);
    if (!read.ok) {
      setFieldErrors(read.errors);
      setError(null);
      const first = FIELDS.find((f) => read.errors[f.name]);
      if (first) inputs.current[first.name]?.focus();
      return;
    }
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      settle(await confirmEmulatedSetup({ clientSecret, publishableKey, card: read.card }));
    } finally {
      setPending(false);
    }
  }

  async function finishAuthentication(outcome: 'complete' | 'fail') {
    setPending(true);
    try {
      const result = await finishEmulatedSetupAuthentication({ clientSecret, publishableKey, outcome });
      // Could not reach the emulator: nothing happened, so the shopper can answer again.
      if (result.status === 'failed' && result.code === NETWORK_ERROR) {
        setAuthError(result.message);
        return;
      }
      setAuthenticating(false);
      settle(result);
    } finally {
      setPending(false);
    }
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-4 rounded-xl border-2 border-dashed border-amber-600 bg-amber-50/60 p-4 text-stone-900"
    >
      <div className="flex flex-col gap-1">
        <h2 id={`${id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
          <span className="rounded bg-amber-200 px-2 py-0.5 text-xs font-bold tracking-wide text-amber-950 uppercase">Test mode</span>
          Card details
        </h2>
        <p id={`${id}-intro`} className="text-sm text-stone-700">
          Payments run on the offline Stripe emulator: nothing is charged. Use a test card below, never a real one.
        </p>
      </div>

      {saved ? (
        <p role="status" className="rounded-lg border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <span aria-hidden="true">✓ </span>Card saved.
        </p>
      ) : (
        <form noValidate onSubmit={submit} className="flex flex-col gap-4">
          <div className="flex flex-wrap gap-3">
            {FIELDS.map((f) => {
              const fieldError = fieldErrors[f.name];
              const inputId = `${id}-${f.name}`;
              return (
                <div key={f.name} className={`flex flex-col gap-1 ${f.name === 'number' ? 'w-full sm:w-64' : 'w-28'}`}>
                  <label htmlFor={inputId} className="text-sm font-medium">
                    {f.label}
                  </label>
                  <input
                    ref={(el) => {
                      inputs.current[f.name] = el;
                    }}
                    id={inputId}
                    name={f.name}
                    type="text"
                    inputMode={f.inputMode}
                    autoComplete={f.autoComplete}
                    placeholder={f.placeholder}
                    maxLength={f.maxLength}
                    required
                    value={values[f.name]}
                    onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                    aria-invalid={!!fieldError}
                    aria-describedby={fieldError ? `${inputId}-error` : f.name === 'number' ? `${id}-intro` : undefined}
                    className="rounded-lg border border-stone-400 bg-white px-3 py-2 font-mono aria-invalid:border-red-700"
                  />
                  {fieldError && (
                    <p id={`${inputId}-error`} className="text-sm text-red-800">
                      <span aria-hidden="true">⚠ </span>
                      {fieldError}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
          {/* Always rendered, so that screen readers announce a decline when it appears. */}
          <div role="alert" className={error ? 'rounded-lg border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900' : undefined}>
            {error && (
              <>
                <span className="font-semibold">Card not saved: </span>
                {error} Try again, or use another card.
              </>
            )}
          </div>
          <button
            type="submit"
            disabled={pending}
            className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {pending && !authenticating ? 'Saving card…' : 'Save card'}
          </button>
        </form>
      )}

      <div className="text-sm text-stone-700">
        <h3 id={`${id}-cards`} className="font-medium text-stone-900">
          Test cards
        </h3>
        <p>Any future expiry (such as 12 / 34) and any 3-digit CVC.</p>
        <ul aria-labelledby={`${id}-cards`} className="mt-1 flex flex-col gap-0.5">
          {TEST_CARD_HINTS.map((card) => (
            <li key={card.number} className="grid gap-x-3 sm:grid-cols-[11rem_1fr]">
              <span className="font-mono whitespace-nowrap text-stone-900">{card.number}</span>
              <span>{card.label}</span>
            </li>
          ))}
        </ul>
      </div>

      {authenticating && <EmulatedAuthenticationDialog pending={pending} error={authError} onFinish={(outcome) => void finishAuthentication(outcome)} />}
    </section>
  );
}
