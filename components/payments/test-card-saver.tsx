'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from 'react';
import { confirmCardSaved, startCardSetup, type CardSummary } from '@/components/admin/payments/card-actions';
import type { PublicPaymentsConfig } from '@/lib/payments/config';
import { describeCard } from '@/lib/payments/browser/card-display';
import { CardSetup } from './card-setup';

type Step = { kind: 'email' } | { kind: 'card'; email: string; clientSecret: string } | { kind: 'saved'; email: string; card: CardSummary };

/**
 * Saves a card for a test shopper's email through the same path as the checkout: the
 * startCardSetup / confirmCardSaved actions and the CardSetup component.
 */
export function TestCardSaver({ config }: { config: PublicPaymentsConfig }) {
  const router = useRouter();
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'email' });
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const cardHeading = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (step.kind === 'card') cardHeading.current?.focus();
  }, [step]);

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await startCardSetup(email);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setStep({ kind: 'card', email: email.trim().toLowerCase(), clientSecret: result.data.clientSecret });
    });
  }

  function saved(setupIntentId: string, forEmail: string) {
    startTransition(async () => {
      const result = await confirmCardSaved(setupIntentId);
      if (result.ok) {
        setError(null);
        setStep({ kind: 'saved', email: forEmail, card: result.data.card });
      } else {
        setError(result.error);
      }
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-2">
        <div role="status">
          {step.kind === 'saved' && (
            <p className="rounded-lg border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              <span aria-hidden="true">✓ </span>
              Saved {describeCard(step.card)}, for {step.email}.
            </p>
          )}
          {step.kind === 'card' && pending && <p className="text-sm text-stone-700">Checking the card…</p>}
        </div>
        <div role="alert" className={error ? 'rounded-lg border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900' : undefined}>
          {error && (
            <>
              <span aria-hidden="true">⚠ </span>
              {error}
            </>
          )}
        </div>
      </div>

      {step.kind === 'email' && (
        <form onSubmit={start} className="flex flex-col gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-email`} className="text-sm font-medium">
              Shopper email
            </label>
            <p id={`${id}-email-hint`} className="text-xs text-stone-600">
              The card is saved to the Stripe Customer for this email, as at checkout.
            </p>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="off"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-describedby={`${id}-email-hint`}
              className="w-80 max-w-full rounded-lg border border-stone-400 px-3 py-2"
            />
          </div>
          <button
            type="submit"
            disabled={pending}
            className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
          >
            {pending ? 'Starting…' : 'Continue to card details'}
          </button>
        </form>
      )}

      {step.kind === 'card' && (
        <div className="flex flex-col gap-3">
          <p ref={cardHeading} tabIndex={-1} className="text-sm">
            Saving a card for <span className="font-medium">{step.email}</span>.{' '}
            <button type="button" onClick={() => setStep({ kind: 'email' })} className="text-brand-700 underline hover:text-brand-900">
              Use another email
            </button>
          </p>
          <CardSetup
            clientSecret={step.clientSecret}
            config={config}
            onSaved={(setupIntentId) => saved(setupIntentId, step.email)}
            onError={() => router.refresh()}
          />
        </div>
      )}

      {step.kind === 'saved' && (
        <button
          type="button"
          onClick={() => setStep({ kind: 'email' })}
          className="self-start rounded-lg border border-stone-400 bg-white px-4 py-2 font-medium hover:border-brand-600"
        >
          Save another card
        </button>
      )}
    </div>
  );
}
