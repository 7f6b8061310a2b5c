import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.git', '.data', 'test-results', 'playwright-report']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.next') || entry.name.startsWith('test-results')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

describe('lib/payments', () => {
  it('is the only code that imports stripe or @stripe/*', () => {
    const stripeImport = /(from\s+|import\s*\(\s*|require\s*\(\s*)['"](stripe|@stripe\/[^'"]+)['"]/;
    const offenders = sourceFiles(root)
      .map((file) => path.relative(root, file))
      .filter((file) => !file.startsWith(`lib${path.sep}payments${path.sep}`))
      .filter((file) => stripeImport.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
