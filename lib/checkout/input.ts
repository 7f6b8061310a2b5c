/**
 * The checkout form's contact and address fields, validated on the server (and nowhere
 * trusted from the client). Field names match the form's inputs so errors land next to them.
 */
import { z } from 'zod';

/** Countries the store ships to at its flat rate: ISO 3166-1 alpha-2 code and name. */
export const SHIPPING_COUNTRIES = [
  ['US', 'United States'],
  ['CA', 'Canada'],
  ['GB', 'United Kingdom'],
  ['IE', 'Ireland'],
  ['DE', 'Germany'],
  ['FR', 'France'],
  ['NL', 'Netherlands'],
  ['BE', 'Belgium'],
  ['DK', 'Denmark'],
  ['SE', 'Sweden'],
  ['AU', 'Australia'],
  ['NZ', 'New Zealand'],
] as const;
export type CountryCode = (typeof SHIPPING_COUNTRIES)[number][0];
const COUNTRY_CODES = SHIPPING_COUNTRIES.map(([code]) => code) as [CountryCode, ...CountryCode[]];

export function countryName(code: string): string {
  return SHIPPING_COUNTRIES.find(([c]) => c === code)?.[1] ?? code;
}

const text = (message: string, max: number) =>
  z
    .string({ message })
    .trim()
    .min(1, { message })
    .max(max, { message: `Keep this under ${max} characters.` })
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message });

export const checkoutContactInput = z.object({
  email: z
    .string({ message: 'Enter your email address.' })
    .trim()
    .toLowerCase()
    .min(1, { message: 'Enter your email address.' })
    .pipe(z.email({ message: 'Enter a valid email address, like name@example.com.' }).max(254, { message: 'That email address is too long.' })),
  fullName: text('Enter your full name.', 200),
  addressLine: text('Enter your street address.', 300),
  city: text('Enter your city.', 100),
  postalCode: z
    .string({ message: 'Enter your postal code.' })
    .trim()
    .min(1, { message: 'Enter your postal code.' })
    .max(12, { message: 'Enter a valid postal code.' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, { message: 'Enter a valid postal code.' }),
  country: z.enum(COUNTRY_CODES, { message: 'Choose a country we ship to.' }),
});

export type CheckoutContact = z.infer<typeof checkoutContactInput>;
export type CheckoutField = keyof CheckoutContact;
