import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { postmasterPid, startEmbeddedPostgres, type EmbeddedServer } from './embedded';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data', `recovery-test-${process.pid}`);
const port = 54349;
let server: EmbeddedServer | null = null;

async function select1(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ one: number }[]>`select 1 as one`;
    return row!.one;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterAll(async () => {
  await server?.stop();
  const pid = postmasterPid(dataDir);
  if (pid && pidAlive(pid)) process.kill(pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('recovers after the process that started it was killed with SIGKILL', async () => {
    // `node --import tsx` rather than the tsx binary, which would run the script in a grandchild
    // that SIGKILL does not reach.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/fixtures/start-embedded.mts'), dataDir, String(port)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const orphan = postmasterPid(dataDir)!;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // The postmaster outlives its parent: this is the state the next start must handle.
    expect(pidAlive(orphan)).toBe(true);

    server = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    expect(await select1(server.url('postgres'))).toBe(1);
  });

  it('starts after a crash left a stale postmaster.pid behind', async () => {
    const pid = postmasterPid(dataDir)!;
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && pidAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    // Give the backends a moment to notice their postmaster is gone and exit.
    await new Promise((r) => setTimeout(r, 1000));
    expect(postmasterPid(dataDir)).toBe(pid);

    server = await startEmbeddedPostgres({ dataDir, port, log: () => {} });
    expect(postmasterPid(dataDir)).not.toBe(pid);
    expect(await select1(server.url('postgres'))).toBe(1);
  });

  it('explains a port clash instead of failing with a bare undefined', async () => {
    const other = path.join(root, '.data', `clash-test-${process.pid}`);
    try {
      await expect(startEmbeddedPostgres({ dataDir: other, port, log: () => {} })).rejects.toThrow(/port 54349/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
