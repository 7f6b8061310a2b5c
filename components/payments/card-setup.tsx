'use client';
import dynamic from 'next/dynamic';
// A type only (erased from the bundle): config.ts itself is server-only.
import type { PublicPaymentsConfig } from '@/lib/payments/config';
import { EmulatorCardForm } from './emulator-card-form';

export interface CardSetupProps {
  /** The SetupIntent's client secret, from the server (createSetupIntent). A new one starts a fresh form. */
  clientSecret: string;
  /** publicPaymentsConfig() from the server: which form to show, and the publishable key. */
  config: PublicPaymentsConfig;
  /** The SetupIntent succeeded in the browser. Verify it on the server (verifySetupIntent) before trusting it. */
  onSaved: (setupIntentId: string) => void;
  /** A card was refused or the provider could not be reached; the form already shows the message. */
  onError?: (message: string) => void;
}

// Stripe.js and the Payment Element load only in Stripe mode, never with the emulator.
const StripeCardSetup = dynamic(() => import('@/lib/payments/browser/stripe-card-setup').then((m) => m.StripeCardSetup), {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-stone-700">
      Loading the card form…
    </p>
  ),
});

/**
 * Saves the shopper's card for later charges by confirming a SetupIntent in the browser: the
 * Payment Element with Stripe, or the clearly marked test-mode card form with the offline
 * emulator (which also plays the 3D Secure step).
 */
export function CardSetup({ clientSecret, config, onSaved, onError }: CardSetupProps) {
  if (config.mode === 'emulator') {
    return <EmulatorCardForm key={clientSecret} clientSecret={clientSecret} publishableKey={config.publishableKey} onSaved={onSaved} onError={onError} />;
  }
  return <StripeCardSetup key={clientSecret} clientSecret={clientSecret} publishableKey={config.publishableKey} onSaved={onSaved} onError={onError} />;
}
