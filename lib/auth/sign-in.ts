import 'server-only';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { headers } from 'next/headers';
import { z } from 'zod';
import { db } from '@/db/client';
import { authUsers, signInFailures, STAFF_ROLES } from '@/db/schema';
import { getAuth } from './auth';

export const SIGN_IN_ERROR = 'Email or password is incorrect.';
export const SIGN_IN_LOCKED = 'Too many failed sign-ins. Wait 15 minutes, then try again.';
const WINDOW = sql`now() - interval '15 minutes'`;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

const credentials = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

export type SignInResult = { ok: true } | { ok: false; error: string };

/** The client's address as the nearest proxy (or `next start` itself) reported it. */
async function clientAddress(): Promise<string | null> {
  const forwarded = (await headers()).get('x-forwarded-for');
  return forwarded?.split(',')[0]?.trim() || null;
}

/**
 * Signs a staff member in. Every attempt is first counted as a failure and the count checked,
 * so concurrent guesses cannot slip past the limit; a success removes its own row. Whatever
 * went wrong, the shopper-facing message is the same, so it reveals nothing about accounts.
 */
export async function signInStaff(input: { email: unknown; password: unknown }): Promise<SignInResult> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) return { ok: false, error: SIGN_IN_ERROR };
  const { email, password } = parsed.data;
  const ip = await clientAddress();

  const [attempt] = await db.insert(signInFailures).values({ email, ip }).returning({ id: signInFailures.id });
  const [byEmail] = await db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.email, email), gt(signInFailures.createdAt, WINDOW)));
  const [byAddress] = ip
    ? await db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.ip, ip), gt(signInFailures.createdAt, WINDOW)))
    : [{ n: 0 }];
  if (byEmail!.n > MAX_FAILURES_PER_EMAIL || byAddress!.n > MAX_FAILURES_PER_ADDRESS) return { ok: false, error: SIGN_IN_LOCKED };

  const auth = getAuth();
  // Only staff accounts may sign in here. Others (unknown, or shoppers) cost the same
  // password hash as a real attempt, so timing does not tell them apart.
  const [user] = await db.select({ role: authUsers.role }).from(authUsers).where(eq(authUsers.email, email));
  if (!user || !(STAFF_ROLES as readonly string[]).includes(user.role)) {
    await (await auth.$context).password.hash(password);
    return { ok: false, error: SIGN_IN_ERROR };
  }
  try {
    // nextCookies() (lib/auth/auth.ts) sets the session cookie on this server action's response.
    await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch {
    return { ok: false, error: SIGN_IN_ERROR };
  }
  await db.delete(signInFailures).where(eq(signInFailures.id, attempt!.id));
  return { ok: true };
}

export async function signOutStaff(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() });
}
