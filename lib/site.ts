export const STORE_NAME = 'Inbound';

type Env = Record<string, string | undefined>;

/**
 * Where the app is served when APP_URL is not set: this machine, on the port the server listens on
 * (`next start` and `next dev` put it in PORT), so links work on any port.
 */
export function defaultAppUrl(env: Env = process.env): string {
  const port = env.PORT?.trim();
  return `http://localhost:${port && /^\d{1,5}$/.test(port) ? port : '3000'}`;
}

/** The public base URL, for canonical links, the sitemap and sharing metadata. */
export function siteUrl(env: Env = process.env): string {
  return (env.APP_URL?.trim() || defaultAppUrl(env)).replace(/\/$/, '');
}
