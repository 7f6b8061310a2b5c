import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { db as appDb, type Database } from '@/db/client';
import { emailInput, textInput } from '@/lib/forms/inputs';
import { authAccounts, authSessions, authUsers } from '@/db/schema';
import { hashPassword } from 'better-auth/crypto';
import type { STAFF_ROLES } from '@/db/schema';

type StaffRole = (typeof STAFF_ROLES)[number];

/** Also the admin's "add staff" form (components/admin/staff/actions.ts), minus the password. */
export const staffAccountInput = z.object({
  email: emailInput,
  name: textInput({ max: 100, what: 'name', required: 'Enter a name.' }),
  password: z.string().min(12, { message: 'Use at least 12 characters.' }).max(128),
  role: z.enum(['owner', 'staff'], { message: 'Choose a role.' }),
});

/** A password for a new account, printed once and never stored in clear. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Creates a staff account with a password hashed by better-auth (scrypt). Returns false if
 * an account with that email already exists (it is left unchanged).
 */
export async function createStaffAccount(
  input: { email: string; name: string; password: string; role: StaffRole },
  database: Database = appDb,
): Promise<boolean> {
  const { email, name, password, role } = staffAccountInput.parse(input);
  // The same scrypt hash better-auth writes and verifies.
  const hash = await hashPassword(password);
  return database.transaction(async (tx) => {
    const id = randomBytes(16).toString('hex');
    const inserted = await tx.insert(authUsers).values({ id, email, name, role, emailVerified: true }).onConflictDoNothing().returning({ id: authUsers.id });
    if (inserted.length === 0) return false;
    await tx.insert(authAccounts).values({ id: randomBytes(16).toString('hex'), accountId: id, providerId: 'credential', userId: id, password: hash });
    return true;
  });
}

/** Sets a new password for an existing account and signs it out everywhere. */
export async function resetStaffPassword(email: string, password: string, database: Database = appDb): Promise<boolean> {
  const hash = await hashPassword(staffAccountInput.shape.password.parse(password));
  return database.transaction(async (tx) => {
    const [user] = await tx.select({ id: authUsers.id }).from(authUsers).where(eq(authUsers.email, email.trim().toLowerCase()));
    if (!user) return false;
    await tx
      .update(authAccounts)
      .set({ password: hash, updatedAt: new Date() })
      .where(and(eq(authAccounts.userId, user.id), eq(authAccounts.providerId, 'credential')));
    await tx.delete(authSessions).where(eq(authSessions.userId, user.id));
    return true;
  });
}

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  createdAt: Date;
}

export async function listStaff(database: Database = appDb): Promise<StaffMember[]> {
  const rows = await database
    .select({ id: authUsers.id, email: authUsers.email, name: authUsers.name, role: authUsers.role, createdAt: authUsers.createdAt })
    .from(authUsers)
    .where(inArray(authUsers.role, ['owner', 'staff']))
    .orderBy(asc(authUsers.email));
  return rows as StaffMember[];
}
