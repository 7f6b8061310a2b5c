import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { headers } from 'next/headers';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { authUsers, signInFailures, STAFF_ROLES } from '@/db/schema';
import { emailInput } from '@/lib/forms/inputs';
import { throttleKeyOf } from '@/lib/security/throttle-key';
import { getAuth } from './auth';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL_AND_ADDRESS, MAX_QUEUE_MS, signInDelayMs, WINDOW_MINUTES } from './sign-in-limits';

export const SIGN_IN_ERROR = 'Email or password is incorrect.';
export const SIGN_IN_LOCKED = 'Too many failed sign-ins from this address. Wait 15 minutes, then try again.';
export const SIGN_IN_BUSY = 'Too many sign-ins for this email at once. Wait a minute, then try again.';

// Limits and the slow-down are in ./sign-in-limits. Addresses come from
// lib/security/client-address.ts (the socket, or trusted proxies), never from a client's header,
// and are counted by throttleKeyOf (an IPv6 client's whole /64 is one address here).
const WINDOW = sql.raw(`now() - interval '${WINDOW_MINUTES} minutes'`);
/** Old rows deleted per attempt: enough to keep up with the attempts, never a long statement. */
const PRUNE_BATCH = 100;
/** How often a queued attempt asks again for its email's turn. */
const QUEUE_POLL_MS = 25;

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
  /** The clock MAX_QUEUE_MS is measured on. */
  now?: () => number;
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
 * Signs a staff member in from client `address`. Every attempt is first recorded as a failure
 * and then counted, so concurrent guesses cannot slip past a limit; a success removes its own row,
 * and so does a refused attempt (a locked address's retries do not extend its lock). Whatever went
 * wrong, the message is the same, so it reveals nothing about accounts.
 */
export async function signInStaff(
  input: { email: unknown; password: unknown },
  address: string,
  { database = appDb, wait = sleep, verify = betterAuthSignIn, now = Date.now }: SignInOptions = {},
): Promise<SignInResult> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) return { ok: false, error: SIGN_IN_ERROR };
  const { email, password } = parsed.data;
  const ip = throttleKeyOf(address);

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

  // One email's attempts take turns (a transaction-scoped advisory lock held through the
  // slow-down and the password check), so parallel guesses are slowed as much as serial ones.
  // A waiting attempt holds no connection between its tries, and gives up after MAX_QUEUE_MS.
  const checked = async (): Promise<boolean> => {
    if (delay > 0) await wait(delay);
    // Only staff accounts may sign in here. Others (unknown, or shoppers) cost the same
    // password hash as a real attempt, so timing does not tell them apart.
    const [user] = await database.select({ role: authUsers.role }).from(authUsers).where(eq(authUsers.email, email));
    if (!user || !(STAFF_ROLES as readonly string[]).includes(user.role)) {
      await (await getAuth().$context).password.hash(password);
      return false;
    }
    return verify(email, password);
  };
  const giveUpAt = now() + MAX_QUEUE_MS;
  for (;;) {
    const outcome = await database.transaction(async (tx) => {
      const [turn] = await tx.execute<{ taken: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext(${'sign-in:' + email})) as taken`);
      return turn!.taken ? await checked() : null;
    });
    if (outcome === true) {
      await forgetAttempt();
      return { ok: true };
    }
    if (outcome === false) return { ok: false, error: SIGN_IN_ERROR };
    if (now() >= giveUpAt) {
      await forgetAttempt();
      return { ok: false, error: SIGN_IN_BUSY };
    }
    await sleep(QUEUE_POLL_MS);
  }
}

export async function signOutStaff(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
}
