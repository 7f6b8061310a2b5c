import { isIPv4, isIPv6 } from 'node:net';

/**
 * The key a client address is throttled under. One IPv6 client is usually handed a whole /64, so
 * counting its addresses apart would give it 2^64 buckets: IPv6 is keyed by its /64 prefix. IPv4
 * (and IPv4-mapped IPv6, which is IPv4) stays per address. For throttling only: records such as a
 * consent's address keep the exact address. Pure: no I/O.
 */
export function throttleKeyOf(address: string): string {
  const bare = address.trim().toLowerCase().replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return bare;
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (compressed, or ending in dotted IPv4). */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a, b, c, d] = piece.split('.').map(Number);
          return [(a! << 8) | b!, (c! << 8) | d!];
        });
  const [head = '', tail] = address.split('::');
  const start = toGroups(head);
  if (tail === undefined) return start;
  const end = toGroups(tail);
  return [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
}
