import 'server-only';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import { db } from '@/db/client';
import { authAccounts, authRateLimits, authSessions, authUsers, authVerifications } from '@/db/schema';
import { CLIENT_ADDRESS_HEADER } from '@/lib/security/client-address-stamp.mjs';
import { siteUrl } from '@/lib/site';

function createAuth() {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error('BETTER_AUTH_SECRET must be set to at least 32 characters (npm run dev and npm start create one under .data/).');
  }
  return betterAuth({
    appName: 'Inbound',
    baseURL: siteUrl(),
    secret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications, rateLimit: authRateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      // Staff accounts are created by an owner or by `npm run admin:create`, never by sign-up.
      disableSignUp: true,
      minPasswordLength: 12,
      maxPasswordLength: 128,
    },
    user: {
      additionalFields: {
        role: { type: 'string', required: false, defaultValue: 'staff', input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    // Sign-in goes through our server action (lib/auth/sign-in.ts), which counts failures per
    // account and per address; the raw endpoints are closed so nothing can go around it.
    disabledPaths: ['/sign-in/email', '/sign-up/email', '/update-user', '/change-email', '/delete-user'],
    rateLimit: { enabled: true, storage: 'database', window: 60, max: 100 },
    advanced: {
      useSecureCookies: siteUrl().startsWith('https://'),
      cookiePrefix: 'inbound',
      // Sessions and better-auth's own limits use the address server.mjs resolved, never a
      // client-sent X-Forwarded-For (lib/security/client-address-stamp.mjs).
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { __inboundAuth?: Auth };

/** better-auth, created on first use so that `next build` needs neither database nor secret. */
export function getAuth(): Auth {
  globalForAuth.__inboundAuth ??= createAuth();
  return globalForAuth.__inboundAuth;
}
