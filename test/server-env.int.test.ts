import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('server.mjs and .env files', () => {
  it('reads its own settings (TRUSTED_PROXY_HOPS) with the .env files loaded, before Next.js loads', () => {
    // A copy of the server next to links to the project, with a .env.local of its own.
    const copy = mkdtempSync(path.join(tmpdir(), 'inbound-server-env-'));
    try {
      for (const name of ['lib', 'node_modules', 'package.json']) symlinkSync(path.join(root, name), path.join(copy, name));
      copyFileSync(path.join(root, 'server.mjs'), path.join(copy, 'server.mjs'));
      writeFileSync(path.join(copy, '.env.local'), 'TRUSTED_PROXY_HOPS=99\n');
      const env: Record<string, string | undefined> = { ...process.env };
      delete env.TRUSTED_PROXY_HOPS;
      delete env.NODE_ENV;
      const run = spawnSync(process.execPath, ['server.mjs', 'start', '-p', '1'], {
        cwd: copy,
        encoding: 'utf8',
        env: env as NodeJS.ProcessEnv,
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe('TRUSTED_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the store), not "99".');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
