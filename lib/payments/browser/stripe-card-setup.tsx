'use client';
// @stripe/react-stripe-js 7 ships no 'use client' directive: this module is its client boundary,
// and the only place outside the server code of lib/payments that imports @stripe/*.
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import type { Stripe } from '@stripe/stripe-js';
// The "pure" entry loads Stripe.js from js.stripe.com only when loadStripe is called, not on import.
import { loadStripe } from '@stripe/stripe-js/pure';
import { useEffect, useState, type FormEvent } from 'react';

export interface StripeCardSetupProps {
  clientSecret: string;
  publishableKey: string;
  onSaved: (setupIntentId: string) => void;
  onError?: (message: string) => void;
}

const LOAD_FAILED = 'The card form could not be loaded from Stripe. Check your connection and reload the page.';

// One Stripe.js instance per key for the life of the page (loadStripe must not run on every render).
const stripeByKey = new Map<string, Promise<Stripe | null>>();

function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let promise = stripeByKey.get(publishableKey);
  if (!promise) {
    promise = loadStripe(publishableKey).catch(() => {
      stripeByKey.delete(publishableKey); // a later mount may try again
      return null;
    });
    stripeByKey.set(publishableKey, promise);
  }
  return promise;
}

/**
 * Stripe mode: the Payment Element for a SetupIntent, confirmed with
 * `stripe.confirmSetup({ elements, confirmParams: { return_url }, redirect: 'if_required' })`.
 * Cards need no redirect (3D Secure opens Stripe's own modal); should a redirect happen, the
 * page comes back with the SetupIntent in its query string and the form reports it saved.
 * `options.clientSecret` cannot change after mount: give a new clientSecret a new key.
 */
export function StripeCardSetup({ clientSecret, publishableKey, onSaved, onError }: StripeCardSetupProps) {
  const [stripePromise] = useState(() => stripeFor(publishableKey));
  return (
    <Elements stripe={stripePromise} options={{ clientSecret, appearance: { theme: 'stripe', variables: { colorPrimary: '#245437' } } }}>
      <PaymentForm clientSecret={clientSecret} stripePromise={stripePromise} onSaved={onSaved} onError={onError} />
    </Elements>
  );
}

function PaymentForm({
  clientSecret,
  stripePromise,
  onSaved,
  onError,
}: Omit<StripeCardSetupProps, 'publishableKey'> & { stripePromise: Promise<Stripe | null> }) {
  const stripe = useStripe();
  const elements = useElements();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [ready, setReady] = useState(false);
  const [saved, setSaved] = useState(false);

  const fail = (message: string) => {
    setError(message);
    onError?.(message);
  };

  useEffect(() => {
    let active = true;
    void stripePromise.then((loaded) => {
      if (active && !loaded) fail(LOAD_FAILED);
    });
    return () => {
      active = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per Stripe.js load
  }, [stripePromise]);

  // Back from a redirect (return_url): Stripe adds the SetupIntent to the query string.
  useEffect(() => {
    if (!stripe) return;
    const params = new URLSearchParams(window.location.search);
    if (params.get('setup_intent_client_secret') !== clientSecret) return;
    void stripe.retrieveSetupIntent(clientSecret).then(({ setupIntent }) => {
      if (setupIntent?.status === 'succeeded') {
        setSaved(true);
        onSaved(setupIntent.id);
      }
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when Stripe.js is ready
  }, [stripe, clientSecret]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements || pending) return;
    setPending(true);
    setError(null);
    try {
      const result = await stripe.confirmSetup({ elements, confirmParams: { return_url: window.location.href }, redirect: 'if_required' });
      if (result.error) {
        fail(result.error.message ?? 'Your card could not be saved. Try again, or use another card.');
      } else if (result.setupIntent.status === 'succeeded') {
        setSaved(true);
        onSaved(result.setupIntent.id);
      } else if (result.setupIntent.status === 'processing') {
        fail('Your card is still being checked. Wait a moment, then try again.');
      } else {
        fail(result.setupIntent.last_setup_error?.message ?? 'Your card could not be saved. Try again, or use another card.');
      }
    } catch {
      fail('We could not reach the payment service, so your card was not saved. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  if (saved) {
    return (
      <p role="status" className="rounded-lg border border-emerald-700 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        ✓ Card saved.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <PaymentElement options={{ layout: 'tabs' }} onReady={() => setReady(true)} onLoadError={() => fail(LOAD_FAILED)} />
      {!ready && !error && (
        <p role="status" className="text-sm text-stone-700">
          Loading the card form…
        </p>
      )}
      {/* Always rendered, so that screen readers announce the message when it appears. */}
      <div role="alert" className={error ? 'rounded-lg border border-red-700 bg-red-50 px-3 py-2 text-sm text-red-900' : undefined}>
        {error && (
          <>
            <span aria-hidden="true">⚠ </span>
            {error}
          </>
        )}
      </div>
      <button
        type="submit"
        disabled={!stripe || !elements || !ready || pending}
        className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
      >
        {pending ? 'Saving card…' : 'Save card'}
      </button>
    </form>
  );
}
