import type { VariantOffer } from '@/lib/catalog/types';

/** Distinct values of option `index`, in the order the variants list them. */
export function optionValues(variants: readonly VariantOffer[], index: number): string[] {
  return [...new Set(variants.map((v) => v.optionValues[index]).filter((v): v is string => v !== undefined))];
}

/**
 * The variant chosen when the shopper picks `value` for option `index` while the other
 * options keep their current values; if that combination does not exist, the first
 * variant that has the picked value.
 */
export function pickVariant(variants: readonly VariantOffer[], current: VariantOffer, index: number, value: string): VariantOffer {
  const wanted = current.optionValues.map((v, i) => (i === index ? value : v));
  return variants.find((v) => v.optionValues.every((ov, i) => ov === wanted[i])) ?? variants.find((v) => v.optionValues[index] === value) ?? current;
}
