export const STORE_NAME = 'Inbound';

/** The public base URL, for canonical links, the sitemap and sharing metadata. */
export function siteUrl(): string {
  return (process.env.APP_URL ?? 'http://localhost:3000').replace(/\/$/, '');
}
