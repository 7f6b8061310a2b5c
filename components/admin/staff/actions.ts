'use server';
import { revalidatePath } from 'next/cache';
import { staffAction } from '@/lib/auth/staff-action';
import { createStaffAccount, generatePassword, staffAccountInput } from '@/lib/auth/staff-accounts';

// The account's own schema, so whatever the form accepts createStaffAccount accepts too.
const newStaffForm = staffAccountInput.pick({ email: true, name: true, role: true });

/** Owners add staff; the new member's one-time password is shown once, to the owner. */
export const addStaffMember = staffAction(
  newStaffForm,
  async ({ email, name, role }) => {
    const password = generatePassword();
    if (!(await createStaffAccount({ email, name, role, password }))) {
      return { ok: false, error: 'Check the highlighted fields.', fieldErrors: { email: ['Someone already has an account with that email.'] } };
    }
    revalidatePath('/admin/staff');
    return { ok: true, message: `Added ${email}. Their one-time password is ${password} — pass it on; it is not shown again.` };
  },
  { role: 'owner' },
);
