// Response headers every page and route gets (server.mjs sets them before Next.js answers, so a
// route that needs its own, like /media's sandboxing Content-Security-Policy, can still replace
// them). Decided at run time, not in next.config.ts, whose headers() are fixed at build time:
// HSTS follows the APP_URL the server runs with.

/** @param {string | undefined} appUrl */
export function securityHeaders(appUrl = process.env.APP_URL) {
  /** @type {Record<string, string>} */
  const headers = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // No page of the store is meant to be framed: this stops clickjacking of the admin and checkout.
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "frame-ancestors 'none'",
  };
  // Only over https: on plain http a browser ignores it, and sending it from a local demo would
  // pin localhost to https in the browser for a year.
  if (appUrl?.startsWith('https://')) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}
