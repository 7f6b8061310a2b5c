/**
 * Carriers the store knows how to link to. Anything else is shown as typed, without a link.
 * Pure: the admin form, the email and tests share it.
 */
const TRACKING_PAGES: { names: RegExp; url: (number: string) => string }[] = [
  { names: /^ups$/i, url: (n) => `https://www.ups.com/track?tracknum=${n}` },
  { names: /^(usps|us postal service|united states postal service)$/i, url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` },
  { names: /^fedex$/i, url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}` },
  { names: /^dhl$/i, url: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}` },
];

/** The carrier's tracking page for this number, or null when the carrier is not one we know or there is no number. */
export function trackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  // Carriers print numbers in groups ("1Z 999 AA1 …"); their pages want them without the spaces.
  const number = trackingNumber?.replace(/\s+/g, '');
  if (!carrier || !number) return null;
  const page = TRACKING_PAGES.find((p) => p.names.test(carrier.trim()));
  return page ? page.url(encodeURIComponent(number)) : null;
}
