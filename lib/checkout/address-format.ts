/**
 * The countries the store ships to and each one's address rules: whether it has a state or
 * region (its label and valid codes) and the order in which its post prints an address. Pure:
 * the checkout form, the server's validation (input.ts) and every page that prints an address
 * read the same rules.
 */

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
export const COUNTRY_CODES = SHIPPING_COUNTRIES.map(([code]) => code) as [CountryCode, ...CountryCode[]];

export function countryName(code: string): string {
  return SHIPPING_COUNTRIES.find(([c]) => c === code)?.[1] ?? code;
}

/** A country's first-level division as its post wants it: the field's label and its valid [code, name] pairs. */
export interface RegionRule {
  label: string;
  options: readonly (readonly [string, string])[];
  /** Printed as the code ("OR", "ON", "NSW") or the name ("Co. Cork"). */
  print: 'code' | 'name';
}

const US_STATES = [
  ['AL', 'Alabama'],
  ['AK', 'Alaska'],
  ['AZ', 'Arizona'],
  ['AR', 'Arkansas'],
  ['CA', 'California'],
  ['CO', 'Colorado'],
  ['CT', 'Connecticut'],
  ['DE', 'Delaware'],
  ['DC', 'District of Columbia'],
  ['FL', 'Florida'],
  ['GA', 'Georgia'],
  ['HI', 'Hawaii'],
  ['ID', 'Idaho'],
  ['IL', 'Illinois'],
  ['IN', 'Indiana'],
  ['IA', 'Iowa'],
  ['KS', 'Kansas'],
  ['KY', 'Kentucky'],
  ['LA', 'Louisiana'],
  ['ME', 'Maine'],
  ['MD', 'Maryland'],
  ['MA', 'Massachusetts'],
  ['MI', 'Michigan'],
  ['MN', 'Minnesota'],
  ['MS', 'Mississippi'],
  ['MO', 'Missouri'],
  ['MT', 'Montana'],
  ['NE', 'Nebraska'],
  ['NV', 'Nevada'],
  ['NH', 'New Hampshire'],
  ['NJ', 'New Jersey'],
  ['NM', 'New Mexico'],
  ['NY', 'New York'],
  ['NC', 'North Carolina'],
  ['ND', 'North Dakota'],
  ['OH', 'Ohio'],
  ['OK', 'Oklahoma'],
  ['OR', 'Oregon'],
  ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'],
  ['SD', 'South Dakota'],
  ['TN', 'Tennessee'],
  ['TX', 'Texas'],
  ['UT', 'Utah'],
  ['VT', 'Vermont'],
  ['VA', 'Virginia'],
  ['WA', 'Washington'],
  ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'],
  ['WY', 'Wyoming'],
  ['AS', 'American Samoa'],
  ['GU', 'Guam'],
  ['MP', 'Northern Mariana Islands'],
  ['PR', 'Puerto Rico'],
  ['VI', 'U.S. Virgin Islands'],
  ['AA', 'Armed Forces Americas'],
  ['AE', 'Armed Forces Europe'],
  ['AP', 'Armed Forces Pacific'],
] as const;

const CA_PROVINCES = [
  ['AB', 'Alberta'],
  ['BC', 'British Columbia'],
  ['MB', 'Manitoba'],
  ['NB', 'New Brunswick'],
  ['NL', 'Newfoundland and Labrador'],
  ['NS', 'Nova Scotia'],
  ['NT', 'Northwest Territories'],
  ['NU', 'Nunavut'],
  ['ON', 'Ontario'],
  ['PE', 'Prince Edward Island'],
  ['QC', 'Quebec'],
  ['SK', 'Saskatchewan'],
  ['YT', 'Yukon'],
] as const;

const AU_STATES = [
  ['ACT', 'Australian Capital Territory'],
  ['NSW', 'New South Wales'],
  ['NT', 'Northern Territory'],
  ['QLD', 'Queensland'],
  ['SA', 'South Australia'],
  ['TAS', 'Tasmania'],
  ['VIC', 'Victoria'],
  ['WA', 'Western Australia'],
] as const;

// ISO 3166-2:IE codes; An Post prints the county after the town ("Co. Cork").
const IE_COUNTIES = [
  ['CW', 'Carlow'],
  ['CN', 'Cavan'],
  ['CE', 'Clare'],
  ['CO', 'Cork'],
  ['DL', 'Donegal'],
  ['D', 'Dublin'],
  ['G', 'Galway'],
  ['KY', 'Kerry'],
  ['KE', 'Kildare'],
  ['KK', 'Kilkenny'],
  ['LS', 'Laois'],
  ['LM', 'Leitrim'],
  ['LK', 'Limerick'],
  ['LD', 'Longford'],
  ['LH', 'Louth'],
  ['MO', 'Mayo'],
  ['MH', 'Meath'],
  ['MN', 'Monaghan'],
  ['OY', 'Offaly'],
  ['RN', 'Roscommon'],
  ['SO', 'Sligo'],
  ['TA', 'Tipperary'],
  ['WD', 'Waterford'],
  ['WH', 'Westmeath'],
  ['WX', 'Wexford'],
  ['WW', 'Wicklow'],
] as const;

/** How the town, region and postal code print, one entry per line ("Portland, OR 97201"; "10115 Berlin"). */
type LocalityLayout = 'us' | 'ca-au' | 'town-then-postcode' | 'town-region-postcode' | 'postcode-town' | 'town-postcode';

interface CountryRules {
  region: RegionRule | null;
  layout: LocalityLayout;
}

const RULES: Record<CountryCode, CountryRules> = {
  US: { region: { label: 'State', options: US_STATES, print: 'code' }, layout: 'us' },
  CA: { region: { label: 'Province', options: CA_PROVINCES, print: 'code' }, layout: 'ca-au' },
  AU: { region: { label: 'State/territory', options: AU_STATES, print: 'code' }, layout: 'ca-au' },
  IE: { region: { label: 'County', options: IE_COUNTIES, print: 'name' }, layout: 'town-region-postcode' },
  GB: { region: null, layout: 'town-then-postcode' },
  NZ: { region: null, layout: 'town-postcode' },
  DE: { region: null, layout: 'postcode-town' },
  FR: { region: null, layout: 'postcode-town' },
  NL: { region: null, layout: 'postcode-town' },
  BE: { region: null, layout: 'postcode-town' },
  DK: { region: null, layout: 'postcode-town' },
  SE: { region: null, layout: 'postcode-town' },
};

function isCountryCode(code: string): code is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(code);
}

/** The country's state/region field, or null when its addresses have none. */
export function regionRule(country: string): RegionRule | null {
  return isCountryCode(country) ? RULES[country].region : null;
}

/** The region's name for a valid code ("OR" in the US: "Oregon"), or null. */
export function regionName(country: string, region: string | null): string | null {
  return regionRule(country)?.options.find(([code]) => code === region)?.[1] ?? null;
}

export interface PostalAddress {
  fullName: string;
  addressLine: string;
  city: string;
  /** The region's code (see regionRule), or null where the country has none. */
  region: string | null;
  postalCode: string;
  country: string;
}

/**
 * The address as the destination's post prints it, one string per line, ending with the country
 * (the parcel leaves from abroad for most of them).
 */
export function formatAddress(address: PostalAddress): string[] {
  const { fullName, addressLine, city, postalCode, country } = address;
  const rule = regionRule(country);
  const regionText = rule && address.region ? (rule.print === 'code' ? address.region : `Co. ${regionName(country, address.region) ?? address.region}`) : null;
  const layout: LocalityLayout = isCountryCode(country) ? RULES[country].layout : 'town-postcode';
  const join = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join(' ');
  let locality: string[];
  switch (layout) {
    case 'us':
      locality = [regionText ? `${city}, ${join(regionText, postalCode)}` : join(city, postalCode)];
      break;
    case 'ca-au':
      locality = [join(city, regionText, postalCode)];
      break;
    case 'town-then-postcode':
      locality = [city, postalCode];
      break;
    case 'town-region-postcode':
      locality = [city, regionText, postalCode].filter((p): p is string => !!p);
      break;
    case 'postcode-town':
      locality = [join(postalCode, city)];
      break;
    case 'town-postcode':
      locality = [join(city, postalCode)];
      break;
  }
  return [fullName, addressLine, ...locality, countryName(country)];
}
