import { describe, expect, it } from 'vitest';
import { throttleKeyOf } from './throttle-key';

describe('throttleKeyOf', () => {
  it('keys IPv6 by its /64, whether written in full or compressed', () => {
    const key = '2001:db8:85a3:0::/64';
    expect(throttleKeyOf('2001:0db8:85a3:0000:0000:8a2e:0370:7334')).toBe('2001:db8:85a3:0::/64');
    expect(throttleKeyOf('2001:db8:85a3::8a2e:370:7334')).toBe(key);
    expect(throttleKeyOf('2001:DB8:85A3:0:ffff:ffff:ffff:ffff')).toBe(key);
    expect(throttleKeyOf('2001:db8:85a3::')).toBe(key);
    expect(throttleKeyOf('2001:db8:85a3::1%eth0')).toBe(key);
    expect(throttleKeyOf('2001:db8:85a3:1::1')).not.toBe(key);
    expect(throttleKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(throttleKeyOf('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps IPv4 and IPv4-mapped IPv6 per address', () => {
    expect(throttleKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleKeyOf('203.0.113.10')).toBe('203.0.113.10');
    expect(throttleKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(throttleKeyOf('::FFFF:cb00:7109')).toBe('203.0.113.9');
    expect(throttleKeyOf('0:0:0:0:0:ffff:203.0.113.10')).toBe('203.0.113.10');
  });

  it('leaves anything else as it is', () => {
    expect(throttleKeyOf('unknown')).toBe('unknown');
  });
});
