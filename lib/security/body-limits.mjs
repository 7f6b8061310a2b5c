// Request body limits. Plain JavaScript: next.config.ts and server.mjs both read it.

/** Server actions (next.config.ts `serverActions.bodySizeLimit`); only the product form's route takes more. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * True when a request is a server action call whose declared body is over the limit. Next.js
 * refuses those too, but only after reading them and with a 500; server.mjs answers 413 first.
 * (A body sent without Content-Length is still cut off by Next.js at the limit.)
 */
export function isOversizedActionCall(req) {
  if (req.method !== 'POST' || !req.headers['next-action']) return false;
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > SERVER_ACTION_BODY_LIMIT_BYTES;
}
