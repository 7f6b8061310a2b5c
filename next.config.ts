import path from 'node:path';
import type { NextConfig } from 'next';
import { SERVER_ACTION_BODY_LIMIT_BYTES } from './lib/security/body-limits.mjs';

const nextConfig: NextConfig = {
  // Pages are cached in memory and invalidated through PostgreSQL NOTIFY (see the handler).
  cacheHandler: path.resolve('lib/cache/isr-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  // Separate build folders let parallel test runs build side by side (NEXT_DIST_DIR=.next-b).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // The email worker's queue and SMTP client run as plain Node packages in the server process.
  serverExternalPackages: ['pg-boss', 'nodemailer'],
  // Server actions take at most 1 MB; the product form, which may carry a 2 MB image, posts to
  // its own route with its own limit (app/admin/(console)/products/save, lib/auth/staff-route.ts).
  experimental: { serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES } },
  typedRoutes: false,
};

export default nextConfig;
