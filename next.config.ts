import path from 'node:path';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Pages are cached in memory and invalidated through PostgreSQL NOTIFY (see the handler).
  cacheHandler: path.resolve('lib/cache/isr-cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
