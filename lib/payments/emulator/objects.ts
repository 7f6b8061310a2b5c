import type { StripeObject } from './store';
import type { TestCard } from './test-cards';

/** Stripe-shaped objects, with the fields stripe-node's types declare (null where unused). */

export function customerObject(input: {
  id: string;
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
}): StripeObject {
  return {
    id: input.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: input.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: input.description,
    email: input.email,
    invoice_prefix: input.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: input.metadata,
    name: input.name,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

/** Emulator-only state of a PaymentMethod. */
export interface PaymentMethodInternal {
  /** The test card's token (pm_card_visa, ...), which selects its behaviour. */
  card: string;
  /** Set by a SetupIntent with usage off_session: Stripe then lets later off-session charges through. */
  setupForOffSession: boolean;
  /** Detached PaymentMethods can never be used again. */
  detached: boolean;
}

export function paymentMethodObject(input: {
  id: string;
  created: number;
  card: TestCard;
  expMonth: number;
  expYear: number;
  fingerprint: string;
  customer: string | null;
  metadata?: Record<string, string>;
}): StripeObject {
  return {
    id: input.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: input.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: input.card.country,
      display_brand: input.card.brand,
      exp_month: input.expMonth,
      exp_year: input.expYear,
      fingerprint: input.fingerprint,
      funding: 'credit',
      generated_from: null,
      last4: input.card.number.slice(-4),
      networks: { available: [input.card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: input.created,
    customer: input.customer,
    customer_account: null,
    livemode: false,
    metadata: input.metadata ?? {},
    type: 'card',
  };
}

export function setupIntentObject(input: {
  id: string;
  clientSecret: string;
  created: number;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  usage: 'off_session' | 'on_session';
  paymentMethod: string | null;
  automaticPaymentMethods: boolean;
  allowedPaymentMethodTypes: string[] | null;
}): StripeObject {
  return {
    id: input.id,
    object: 'setup_intent',
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    application: null,
    automatic_payment_methods: input.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    cancellation_reason: null,
    client_secret: input.clientSecret,
    created: input.created,
    customer: input.customer,
    description: input.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: false,
    mandate: null,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    single_use_mandate: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    usage: input.usage,
  };
}

export function paymentIntentObject(input: {
  id: string;
  clientSecret: string;
  created: number;
  amount: number;
  currency: string;
  customer: string | null;
  paymentMethod: string | null;
  description: string | null;
  metadata: Record<string, string>;
  automaticPaymentMethods: boolean;
  allowedPaymentMethodTypes: string[] | null;
  receiptEmail: string | null;
}): StripeObject {
  return {
    id: input.id,
    object: 'payment_intent',
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount: input.amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: input.automaticPaymentMethods ? { allow_redirects: 'always', enabled: true } : null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: input.clientSecret,
    confirmation_method: 'automatic',
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    customer_account: null,
    description: input.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: input.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: input.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: input.receiptEmail,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    transfer_data: null,
    transfer_group: null,
  };
}

export function chargeObject(input: {
  id: string;
  created: number;
  paymentIntent: StripeObject;
  paymentMethod: StripeObject;
  failure: { code: string; declineCode: string | null; message: string } | null;
}): StripeObject {
  const pi = input.paymentIntent;
  const ok = input.failure === null;
  const amount = pi.amount as number;
  return {
    id: input.id,
    object: 'charge',
    amount,
    amount_captured: ok ? amount : 0,
    amount_refunded: 0,
    captured: ok,
    created: input.created,
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    failure_code: input.failure?.code ?? null,
    failure_message: input.failure?.message ?? null,
    livemode: false,
    metadata: pi.metadata,
    outcome: ok
      ? { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' }
      : {
          network_status: 'declined_by_network',
          reason: input.failure!.declineCode,
          risk_level: 'normal',
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        },
    paid: ok,
    payment_intent: pi.id,
    payment_method: input.paymentMethod.id,
    refunded: false,
    status: ok ? 'succeeded' : 'failed',
  };
}

/** A card refund. Card refunds succeed at once in test mode; the emulator has no balance to run short. */
export function refundObject(input: {
  id: string;
  created: number;
  amount: number;
  charge: StripeObject;
  reason: string | null;
  metadata: Record<string, string>;
}): StripeObject {
  const charge = input.charge;
  return {
    id: input.id,
    object: 'refund',
    amount: input.amount,
    balance_transaction: null,
    charge: charge.id,
    created: input.created,
    currency: charge.currency,
    customer: charge.customer ?? null,
    customer_account: null,
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: input.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: input.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

export function listObject(url: string, data: StripeObject[], hasMore: boolean): Record<string, unknown> {
  return { object: 'list', data, has_more: hasMore, url };
}
