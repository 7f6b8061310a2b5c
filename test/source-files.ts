import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository's root, for tests that read its source files. */
export const repoRoot = path.resolve(import.meta.dirname, '..');

const SKIP = new Set(['node_modules', '.git', '.data', 'playwright-report']);

/** Every source file below `dir` (build output, installed packages and test artefacts left out). */
export function sourceFiles(dir: string = repoRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.next') || entry.name.startsWith('test-results')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}
