'use client';
import type { Offer } from '@/lib/catalog/availability';
import { offerHeadline } from '@/lib/catalog/availability-copy';
import { useShopperLocale } from './use-shopper-locale';

export function AvailabilityText({ offer }: { offer: Offer }) {
  const locale = useShopperLocale();
  return <>{offerHeadline(offer, { locale })}</>;
}
