import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { headers } from 'next/headers';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { authUsers, signInFailures, STAFF_ROLES } from '@/db/schema';
import { emailInput } from '@/lib/forms/inputs';
import { getAuth } from './auth';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL_AND_ADDRESS, signInDelayMs, WINDOW_MINUTES } from './sign-in-limits';

export const SIGN_IN_ERROR = 'Email or password is incorrect.';
export const SIGN_IN_LOCKED = 'Too many failed sign-ins from this address. Wait 15 minutes, then try again.';

// Limits and the slow-down are in ./sign-in-limits. Addresses come from
// lib/security/client-address.ts (the socket, or trusted proxies), never from a client's header.
const WINDOW = sql.raw(`now() - interval '${WINDOW_MINUTES} minutes'`);
/** Old rows deleted per attempt: enough to keep up with the attempts, never a long statement. */
const PRUNE_BATCH = 100;

const credentials = z.object({
  // The accounts' own email schema: anything else cannot be an account (and a NUL byte cannot
  // even be stored as a failure), so it is refused before anything is counted or hashed.
  email: emailInput,
  password: z.string().max(200),
});

export type SignInResult = { ok: true } | { ok: false; error: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface SignInOptions {
  database?: Database;
  wait?: (ms: number) => Promise<void>;
  /** Checks the password and starts the session; better-auth's by default. */
  verify?: (email: string, password: string) => Promise<boolean>;
}

async function betterAuthSignIn(email: string, password: string): Promise<boolean> {
  try {
    // nextCookies() (lib/auth/auth.ts) sets the session cookie on this server action's response.
    await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
    return true;
  } catch {
    return false;
  }
}

/**
 * Signs a staff member in from client address `ip`. Every attempt is first recorded as a failure
 * and then counted, so concurrent guesses cannot slip past a limit; a success removes its own row,
 * and so does a refused attempt (a locked address's retries do not extend its lock). Whatever went
 * wrong, the message is the same, so it reveals nothing about accounts.
 */
export async function signInStaff(
  input: { email: unknown; password: unknown },
  ip: string,
  { database = appDb, wait = sleep, verify = betterAuthSignIn }: SignInOptions = {},
): Promise<SignInResult> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) return { ok: false, error: SIGN_IN_ERROR };
  const { email, password } = parsed.data;

  await database.execute(sql`
    delete from sign_in_failures where id in (
      select id from sign_in_failures where created_at <= ${WINDOW} order by created_at limit ${PRUNE_BATCH})`);
  const [attempt] = await database.insert(signInFailures).values({ email, ip }).returning({ id: signInFailures.id });
  const forgetAttempt = () => database.delete(signInFailures).where(eq(signInFailures.id, attempt!.id));

  const [counts] = await database.execute<{ by_address: number; by_email_and_address: number; by_email: number }>(sql`
    select count(*) filter (where ip = ${ip})::int as by_address,
           count(*) filter (where ip = ${ip} and email = ${email})::int as by_email_and_address,
           count(*) filter (where email = ${email})::int as by_email
    from sign_in_failures
    where created_at > ${WINDOW} and (ip = ${ip} or email = ${email})`);
  if (counts!.by_address > MAX_FAILURES_PER_ADDRESS || counts!.by_email_and_address > MAX_FAILURES_PER_EMAIL_AND_ADDRESS) {
    await forgetAttempt();
    return { ok: false, error: SIGN_IN_LOCKED };
  }
  const delay = signInDelayMs(counts!.by_email - 1);
  if (delay > 0) await wait(delay);

  // Only staff accounts may sign in here. Others (unknown, or shoppers) cost the same
  // password hash as a real attempt, so timing does not tell them apart.
  const [user] = await database.select({ role: authUsers.role }).from(authUsers).where(eq(authUsers.email, email));
  if (!user || !(STAFF_ROLES as readonly string[]).includes(user.role)) {
    await (await getAuth().$context).password.hash(password);
    return { ok: false, error: SIGN_IN_ERROR };
  }
  if (!(await verify(email, password))) return { ok: false, error: SIGN_IN_ERROR };
  await forgetAttempt();
  return { ok: true };
}

export async function signOutStaff(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
}
