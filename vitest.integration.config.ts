import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Integration tests run against a real PostgreSQL: the server at DATABASE_URL, or the
// embedded one. test/global-setup.ts creates a fresh database for the run and drops it after.
export default defineConfig({
  resolve: {
    alias: { '@/': root, 'server-only': `${root}test/server-only-stub.ts` },
  },
  test: {
    include: ['**/*.int.test.ts'],
    exclude: ['node_modules/**', '.next/**', '.data/**'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
