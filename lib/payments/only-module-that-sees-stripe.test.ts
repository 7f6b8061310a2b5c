import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot as root, sourceFiles } from '@/test/source-files';

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
