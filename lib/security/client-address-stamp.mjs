// Records each request's client address before Next.js sees it (server.mjs calls this). Next.js
// copies the socket's address into X-Forwarded-For only when the client sent none, so behind no
// proxy that header is the client's to forge; this private header is always overwritten here.
// Plain JavaScript because server.mjs runs it with Node before anything is bundled.
import { isIP } from 'node:net';

/** Read by lib/security/client-address.ts; whatever a client sends under this name is replaced. */
export const CLIENT_ADDRESS_HEADER = 'x-inbound-client-address';

const MAX_HOPS = 10;

/** TRUSTED_PROXY_HOPS: how many proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxyHops(value = process.env.TRUSTED_PROXY_HOPS) {
  const raw = (value ?? '').trim();
  if (raw === '') return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_HOPS) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_HOPS} (the proxies in front of the store), not "${value}".`);
  }
  return Number(raw);
}

/** An IP address without an IPv4-mapped prefix, port or brackets; null when it is not one. */
function normalize(address) {
  if (typeof address !== 'string') return null;
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  if (a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

/**
 * The client's address. With no trusted proxy it is the socket's peer. With `hops` trusted
 * proxies, each of which appends the address it saw, it is the entry `hops` places from the right
 * of X-Forwarded-For (the leftmost one when there are fewer), as Express's `trust proxy` counts:
 * entries further left were written by the client and prove nothing.
 */
export function resolveClientAddress(socketAddress, forwardedFor, hops) {
  const socket = normalize(socketAddress);
  if (hops === 0) return socket;
  const entries = [forwardedFor ?? []]
    .flat()
    .join(',')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  return normalize(entries[Math.max(0, entries.length - hops)]) ?? socket;
}

/** Overwrites the private header on a Node request with the resolved client address. */
export function stampClientAddress(req, hops) {
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket?.remoteAddress, req.headers['x-forwarded-for'], hops) ?? 'unknown';
}
