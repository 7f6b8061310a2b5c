import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

// Unit tests: pure modules, no database. Integration tests (*.int.test.ts) have their own config.
export default defineConfig({
  resolve: {
    alias: { '@/': root, 'server-only': `${root}test/server-only-stub.ts` },
  },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'db/**/*.test.ts'],
    exclude: ['**/*.int.test.ts', 'node_modules/**'],
    environment: 'node',
    // Some table-driven suites run ~100k assertions; on a busy 2-core machine that can pass 5 s.
    testTimeout: 30_000,
  },
});
