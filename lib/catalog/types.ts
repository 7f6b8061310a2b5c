import type { AvailabilityState, Offer } from './availability';

/** A product as a listing shows it. */
export interface ProductSummary {
  slug: string;
  title: string;
  imagePath: string;
  imageAlt: string;
  priceFromCents: number;
  /** True when variants have different prices ("From $24.00"). */
  priceVaries: boolean;
  currency: string;
  /** The best state across variants: what the badge says. */
  state: AvailabilityState;
  /** The offer the badge describes (the first variant with the best state). */
  offer: Offer;
}

export interface VariantOffer {
  id: string;
  title: string;
  sku: string;
  optionValues: string[];
  priceCents: number;
  currency: string;
  offer: Offer;
}

export interface ProductDetail {
  id: string;
  slug: string;
  title: string;
  description: string;
  imagePath: string;
  imageAlt: string;
  optionNames: string[];
  variants: VariantOffer[];
  /** The date the offers were computed for (YYYY-MM-DD, UTC). */
  today: string;
}
