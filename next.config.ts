import path from 'node:path';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Pages are cached in memory and invalidated through PostgreSQL NOTIFY (see the handler).
  cacheHandler: path.resolve('lib/cache/isr-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  // Separate build folders let parallel test runs build side by side (NEXT_DIST_DIR=.next-b).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // Product images may be up to 2 MB (lib/media); the form carries them to a server action.
  experimental: { serverActions: { bodySizeLimit: '3mb' } },
  typedRoutes: false,
};

export default nextConfig;
