import path from 'node:path';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Pages are cached in memory and invalidated through PostgreSQL NOTIFY (see the handler).
  cacheHandler: path.resolve('lib/cache/isr-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  // Separate build folders let parallel test runs build side by side (NEXT_DIST_DIR=.next-b).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
