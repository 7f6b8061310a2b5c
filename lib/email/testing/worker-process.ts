import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '@/test/source-files';

/**
 * The standalone email worker (`npm run worker` without with-database) as a child process, for
 * tests that kill it or run two. Not used by the app.
 */
export interface WorkerProcess {
  child: ChildProcess;
  /** Every line it printed (stdout and stderr), in order. */
  lines: string[];
  /** Resolves with the first line (already printed or to come) matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** The ids of the messages it logged as sent. */
  sentIds(): string[];
  exited: Promise<number | NodeJS.Signals | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnWorker(name: string, env: Record<string, string | undefined>): WorkerProcess {
  return spawnScript(name, 'lib/email/worker/main.ts', env);
}

/**
 * Any of the app's TypeScript entry points as a child process the way `npm run worker` runs one
 * (server-only allowed, through tsx), with `args` after the script. For tests that kill it.
 */
export function spawnScript(name: string, script: string, env: Record<string, string | undefined>, args: string[] = []): WorkerProcess {
  const childEnv: Record<string, string | undefined> = { ...process.env };
  // The test process's own settings are not the child's: only what `env` says.
  for (const key of Object.keys(childEnv)) if (key.startsWith('EMAIL_WORKER') || key === 'SMTP_URL') delete childEnv[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  if (childEnv.NODE_ENV === 'production') childEnv.NODE_ENV = 'test';

  const child = spawn(process.execPath, ['--import', './scripts/allow-server-only.mjs', '--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onLine = (line: string) => {
    lines.push(line);
    if (process.env.EMAIL_TEST_VERBOSE) console.log(`[${name}] ${line}`);
    for (const w of [...waiters]) {
      const m = line.match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        onLine(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
  }
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

  return {
    child,
    lines,
    waitFor(pattern, timeoutMs = 30_000) {
      const seen = lines.map((l) => l.match(pattern)).find((m) => m);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          pattern,
          resolve: (m: RegExpMatchArray) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`${name}: no line matching ${pattern} within ${timeoutMs} ms; it printed:\n${lines.join('\n')}`));
        }, timeoutMs);
        waiters.push(waiter);
        void exited.then((how) => {
          if (!waiters.includes(waiter)) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`${name} exited (${String(how)}) before printing a line matching ${pattern}; it printed:\n${lines.join('\n')}`));
        });
      });
    },
    sentIds: () => lines.map((l) => /^email-worker: sent (\S+)$/.exec(l)?.[1]).filter((id): id is string => !!id),
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}
