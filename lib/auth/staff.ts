import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { STAFF_ROLES, type UserRole } from '@/db/schema';
import { getAuth } from './auth';

export type StaffRole = (typeof STAFF_ROLES)[number];

/** What the admin needs to know about the person signed in: nothing more. */
export interface Staff {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

function isStaffRole(role: unknown): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role as string);
}

/** The signed-in staff member, or null (signed out, expired, or not staff). Once per request. */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  // Read the request first: it marks the render as dynamic before anything needs a secret.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const role = (session.user as { role?: UserRole }).role;
  if (!isStaffRole(role)) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name, role };
});

export class AccessDeniedError extends Error {
  constructor() {
    super('You are not allowed to do that.');
  }
}

/** For pages: the staff member, or a redirect to sign-in. */
export async function requireStaffPage(role?: StaffRole): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect('/admin/sign-in');
  if (role === 'owner' && staff.role !== 'owner') redirect('/admin');
  return staff;
}

/** For actions and route handlers: the staff member, or AccessDeniedError. */
export async function requireStaff(role?: StaffRole): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff || (role === 'owner' && staff.role !== 'owner')) throw new AccessDeniedError();
  return staff;
}
