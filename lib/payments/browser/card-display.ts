/** How a saved card is named to people: "Visa ending 4242, expires 12/2034". Client-safe. */

const BRANDS: Record<string, string> = {
  amex: 'American Express',
  cartes_bancaires: 'Cartes Bancaires',
  diners: 'Diners Club',
  discover: 'Discover',
  eftpos_au: 'eftpos',
  jcb: 'JCB',
  link: 'Link',
  mastercard: 'Mastercard',
  unionpay: 'UnionPay',
  visa: 'Visa',
};

export function cardBrandName(brand: string): string {
  return BRANDS[brand] ?? (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card');
}

export function formatCardExpiry(expMonth: number, expYear: number): string {
  return `${String(expMonth).padStart(2, '0')}/${expYear}`;
}

export function describeCard(card: { brand: string; last4: string; expMonth: number; expYear: number }): string {
  return `${cardBrandName(card.brand)} ending ${card.last4}, expires ${formatCardExpiry(card.expMonth, card.expYear)}`;
}
