/** Signed-in requests without the sign-in form: a session row and its signed cookie, as better-auth makes them. */
import { randomBytes } from 'node:crypto';
import { makeSignature } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import { authSessions, authUsers } from '../db/schema';
import { testDb } from './db';

/** A `cookie` header value for a new session of the account with this email. */
export async function mintSession(email: string): Promise<string> {
  const { db } = testDb();
  const [user] = await db.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, email));
  const token = randomBytes(24).toString('base64url');
  await db.insert(authSessions).values({ id: randomBytes(12).toString('hex'), token, userId: user!.id, expiresAt: new Date(Date.now() + 3_600_000) });
  const signed = encodeURIComponent(`${token}.${await makeSignature(token, process.env.BETTER_AUTH_SECRET!)}`);
  return `inbound.session_token=${signed}`;
}
