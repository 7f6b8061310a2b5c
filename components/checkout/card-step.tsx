'use client';
import { CardSetup } from '@/components/payments/card-setup';
import type { PublicPaymentsConfig } from '@/lib/payments/config';

/**
 * The checkout's card slot. Contract:
 * - `clientSecret`: the SetupIntent's client secret from prepareCardAction (a new secret starts a fresh form);
 * - `config`: publicPaymentsConfig() from the server (emulator test-mode form or Stripe's Payment Element);
 * - `onSaved(setupIntentId)`: the browser confirmed the SetupIntent (3D Secure included). This is only
 *   a hint: "Place order" verifies the SetupIntent on the server before anything is created;
 * - `onError(message)`: a card was refused; the form shows the message itself.
 * The form is lib/payments' own (components/payments): the checkout never sees card details.
 */
export interface CardStepProps {
  clientSecret: string;
  config: PublicPaymentsConfig;
  onSaved: (setupIntentId: string) => void;
  onError?: (message: string) => void;
}

export function CardStep({ clientSecret, config, onSaved, onError }: CardStepProps) {
  return <CardSetup clientSecret={clientSecret} config={config} onSaved={onSaved} onError={onError} />;
}
