import { describe, expect, it } from 'vitest';
import { formatAddress, regionName, regionRule, SHIPPING_COUNTRIES, type PostalAddress } from './address-format';
import { checkoutContactInput } from './input';

const person = (address: Omit<PostalAddress, 'fullName'>): PostalAddress => ({ fullName: 'Ada Lovelace', ...address });

describe('formatAddress prints each country the way its post reads it', () => {
  const cases: [string, PostalAddress, string[]][] = [
    [
      'US: city, state ZIP',
      person({ addressLine: '1 Main St', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' }),
      ['Ada Lovelace', '1 Main St', 'Portland, OR 97201', 'United States'],
    ],
    [
      'CA: city province postal code',
      person({ addressLine: '24 Sussex Dr', city: 'Ottawa', region: 'ON', postalCode: 'K1M 1M4', country: 'CA' }),
      ['Ada Lovelace', '24 Sussex Dr', 'Ottawa ON K1M 1M4', 'Canada'],
    ],
    [
      'AU: suburb state postcode',
      person({ addressLine: '1 Macquarie St', city: 'Sydney', region: 'NSW', postalCode: '2000', country: 'AU' }),
      ['Ada Lovelace', '1 Macquarie St', 'Sydney NSW 2000', 'Australia'],
    ],
    [
      'GB: town, then the postcode on its own line',
      person({ addressLine: '12 Analytical Row', city: 'London', region: null, postalCode: 'N1 9GU', country: 'GB' }),
      ['Ada Lovelace', '12 Analytical Row', 'London', 'N1 9GU', 'United Kingdom'],
    ],
    [
      'IE: town, county, Eircode',
      person({ addressLine: '5 Main St', city: 'Kinsale', region: 'CO', postalCode: 'P17 AB12', country: 'IE' }),
      ['Ada Lovelace', '5 Main St', 'Kinsale', 'Co. Cork', 'P17 AB12', 'Ireland'],
    ],
    [
      'DE: postcode before city',
      person({ addressLine: 'Unter den Linden 1', city: 'Berlin', region: null, postalCode: '10117', country: 'DE' }),
      ['Ada Lovelace', 'Unter den Linden 1', '10117 Berlin', 'Germany'],
    ],
    [
      'FR',
      person({ addressLine: '8 rue de Rivoli', city: 'Paris', region: null, postalCode: '75001', country: 'FR' }),
      ['Ada Lovelace', '8 rue de Rivoli', '75001 Paris', 'France'],
    ],
    [
      'NL',
      person({ addressLine: 'Damrak 1', city: 'Amsterdam', region: null, postalCode: '1012 LG', country: 'NL' }),
      ['Ada Lovelace', 'Damrak 1', '1012 LG Amsterdam', 'Netherlands'],
    ],
    [
      'BE',
      person({ addressLine: 'Grote Markt 1', city: 'Brussel', region: null, postalCode: '1000', country: 'BE' }),
      ['Ada Lovelace', 'Grote Markt 1', '1000 Brussel', 'Belgium'],
    ],
    [
      'DK',
      person({ addressLine: 'Strøget 1', city: 'København K', region: null, postalCode: '1160', country: 'DK' }),
      ['Ada Lovelace', 'Strøget 1', '1160 København K', 'Denmark'],
    ],
    [
      'SE',
      person({ addressLine: 'Drottninggatan 1', city: 'Stockholm', region: null, postalCode: '111 51', country: 'SE' }),
      ['Ada Lovelace', 'Drottninggatan 1', '111 51 Stockholm', 'Sweden'],
    ],
    [
      'NZ: city postcode',
      person({ addressLine: '1 Queen St', city: 'Auckland', region: null, postalCode: '1010', country: 'NZ' }),
      ['Ada Lovelace', '1 Queen St', 'Auckland 1010', 'New Zealand'],
    ],
  ];
  it.each(cases)('%s', (_name, address, lines) => {
    expect(formatAddress(address)).toEqual(lines);
  });

  it('covers every country the store ships to', () => {
    expect(new Set(cases.map(([, a]) => a.country))).toEqual(new Set(SHIPPING_COUNTRIES.map(([code]) => code)));
  });
});

describe('regionRule', () => {
  it('names the field the way each country calls it, and only where it has one', () => {
    expect(regionRule('US')?.label).toBe('State');
    expect(regionRule('CA')?.label).toBe('Province');
    expect(regionRule('AU')?.label).toBe('State/territory');
    expect(regionRule('IE')?.label).toBe('County');
    for (const country of ['GB', 'DE', 'FR', 'NL', 'BE', 'DK', 'SE', 'NZ', 'XX']) expect(regionRule(country)).toBeNull();
    expect(regionRule('CA')?.options).toHaveLength(13);
    expect(regionName('US', 'OR')).toBe('Oregon');
  });
});

describe('checkoutContactInput: the region', () => {
  const base = { email: 'ada@example.com', fullName: 'Ada', addressLine: '1 Main St', city: 'Portland', postalCode: '97201' };
  const regionError = (input: Record<string, unknown>) => {
    const parsed = checkoutContactInput.safeParse(input);
    return parsed.success ? null : parsed.error.issues.find((i) => i.path[0] === 'region')?.message;
  };

  it('is required, and must be a valid code, where the country has one', () => {
    expect(regionError({ ...base, country: 'US', region: '' })).toBe('Choose a state.');
    expect(regionError({ ...base, country: 'US', region: 'ON' })).toBe('Choose a state.');
    expect(regionError({ ...base, country: 'CA', region: 'OR' })).toBe('Choose a province.');
    expect(regionError({ ...base, country: 'AU' })).toBe('Choose a state/territory.');
    expect(regionError({ ...base, country: 'IE', region: 'x'.repeat(1_000_000) })).toBe('Choose a county.');
  });

  it('is reported together with the other fields’ errors', () => {
    const parsed = checkoutContactInput.safeParse({ ...base, fullName: '', country: 'US', region: '' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path[0])).toEqual(['fullName', 'region']);
  });

  it('is stored as its code, and as null where the country has none', () => {
    expect(checkoutContactInput.parse({ ...base, country: 'US', region: ' or ' }).region).toBe('OR');
    expect(checkoutContactInput.parse({ ...base, country: 'GB', region: '' }).region).toBeNull();
    expect(checkoutContactInput.parse({ ...base, country: 'DE', region: 'OR' }).region).toBeNull();
    // placeOrder parses the already-parsed contact again.
    const once = checkoutContactInput.parse({ ...base, country: 'GB' });
    expect(checkoutContactInput.parse(once)).toEqual(once);
  });
});
