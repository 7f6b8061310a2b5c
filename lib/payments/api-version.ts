/**
 * The Stripe API version every request uses, in both modes. stripe@23.1.0 pins it; the emulator
 * implements this version's behaviour (e.g. `payment_method_types` is refused since 2026-09-30).
 * Changing it is a deliberate upgrade: read Stripe's changelog and the emulator together.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;
