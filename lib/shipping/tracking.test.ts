import { describe, expect, it } from 'vitest';
import { trackingUrl } from './tracking';

describe('trackingUrl', () => {
  it.each([
    ['UPS', '1Z999AA10123456784', 'https://www.ups.com/track?tracknum=1Z999AA10123456784'],
    ['USPS', '9400100000000000000000', 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400100000000000000000'],
    ['FedEx', '123456789012', 'https://www.fedex.com/fedextrack/?trknbr=123456789012'],
    ['DHL', 'JD014600006281230704', 'https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD014600006281230704'],
  ])('links %s to its tracking page', (carrier, number, url) => {
    expect(trackingUrl(carrier, number)).toBe(url);
  });

  it.each(['ups', 'Ups', ' UPS ', 'usps', 'US Postal Service', 'united states postal service', 'fedex', 'FEDEX', 'dhl', 'Dhl'])(
    'knows the carrier whatever its case and surrounding spaces: %j',
    (carrier) => {
      expect(trackingUrl(carrier, '123')).toMatch(/^https:\/\/[^?]+\?[\w-]+=123$/);
    },
  );

  it('takes out the spaces carriers print numbers with', () => {
    expect(trackingUrl('UPS', '1Z 999 AA1 01 2345 6784')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(trackingUrl('USPS', ' 9400 1000\t0000 ')).toBe('https://tools.usps.com/go/TrackConfirmAction?tLabels=940010000000');
  });

  it('encodes characters that mean something in a URL', () => {
    expect(trackingUrl('FedEx', 'AB/12#3&x=?%')).toBe('https://www.fedex.com/fedextrack/?trknbr=AB%2F12%233%26x%3D%3F%25');
    expect(trackingUrl('DHL', 'é+1')).toBe('https://www.dhl.com/global-en/home/tracking.html?tracking-id=%C3%A9%2B1');
  });

  it.each(['Local courier', 'Royal Mail', 'Fed Ex', 'UPS Ground', ''])('gives no link for a carrier it does not know: %j', (carrier) => {
    expect(trackingUrl(carrier, '1Z999AA10123456784')).toBeNull();
  });

  it('gives no link without a carrier or without a number', () => {
    expect(trackingUrl(null, '1Z999AA10123456784')).toBeNull();
    expect(trackingUrl('UPS', null)).toBeNull();
    expect(trackingUrl('UPS', '')).toBeNull();
    expect(trackingUrl('UPS', '   '), 'a number of only spaces is no number').toBeNull();
    expect(trackingUrl(null, null)).toBeNull();
  });
});
