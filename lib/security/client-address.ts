import 'server-only';
import { headers } from 'next/headers';
import { CLIENT_ADDRESS_HEADER } from './client-address-stamp.mjs';

export const NO_CLIENT_ADDRESS =
  'The client address is missing: start the store with `npm start` or `npm run dev` (server.mjs records it), not `next start` directly.';

/**
 * The address of the client making this request, as server.mjs resolved it from the socket (and
 * TRUSTED_PROXY_HOPS). Sign-in throttling, rate limits and consent records all use this one.
 * Without server.mjs there is no trustworthy address, so this refuses rather than guess.
 */
export async function clientAddress(): Promise<string> {
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER);
  if (!address) throw new Error(NO_CLIENT_ADDRESS);
  return address;
}
