import 'server-only';
import { PaymentsConfigError, resolvePaymentsConfig, type Env } from './config';
import { loadEmulator, type Emulator } from './load-emulator';

/**
 * What a starting server does about payments (instrumentation.ts): refuse to run with a
 * configuration the app refuses, printing the one line that says what to set, and exit non-zero
 * itself rather than rely on what Next.js does with a failing register(). Returns the emulator's
 * module in emulator mode.
 */
export async function checkPaymentsConfigAtStart(
  env: Env = process.env,
  exit: (code: number) => never = (code) => process.exit(code),
): Promise<Emulator | null> {
  try {
    // Resolving the whole configuration also reads (or creates) the emulator's keys.
    resolvePaymentsConfig(env);
    return await loadEmulator(env);
  } catch (err) {
    if (!(err instanceof PaymentsConfigError)) throw err;
    console.error(`Refusing to start: ${err.message}`);
    return exit(1);
  }
}
