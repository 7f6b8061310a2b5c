/**
 * The checkout form's contact and address fields, validated on the server (and nowhere
 * trusted from the client). Field names match the form's inputs so errors land next to them.
 * The countries and their address rules are in ./address-format (pure: the form reads them too).
 */
import { z } from 'zod';
import { emailInput } from '@/lib/forms/inputs';
import { COUNTRY_CODES, regionRule } from './address-format';

const text = (message: string, max: number) =>
  z
    .string({ message })
    .trim()
    .min(1, { message })
    .max(max, { message: `Keep this under ${max} characters.` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message });

export const checkoutContactInput = z
  .object({
    email: emailInput,
    fullName: text('Enter your full name.', 200),
    addressLine: text('Enter your street address.', 300),
    city: text('Enter your city.', 100),
    postalCode: z
      .string({ message: 'Enter your postal code.' })
      .trim()
      .min(1, { message: 'Enter your postal code.' })
      .max(12, { message: 'Enter a valid postal code.' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, { message: 'Enter a valid postal code.' })
      .toUpperCase(),
    country: z.enum(COUNTRY_CODES, { message: 'Choose a country we ship to.' }),
    /** The state, province or county code where the country has one (regionRule); ignored elsewhere. */
    region: z.string().nullish(),
  })
  .superRefine((contact, ctx) => {
    const rule = regionRule(contact.country);
    const code = contact.region?.trim().toUpperCase() ?? '';
    if (rule && !rule.options.some(([c]) => c === code)) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: `Choose a ${rule.label.toLowerCase()}.` });
    }
  })
  .transform((contact) => ({
    ...contact,
    // A country without regions stores none, whatever a stale form sent.
    region: regionRule(contact.country) ? contact.region!.trim().toUpperCase() : null,
  }));

export type CheckoutContact = z.infer<typeof checkoutContactInput>;
export type CheckoutField = keyof CheckoutContact;
