'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/staff-action';
import { createStaffAccount, generatePassword } from '@/lib/auth/staff-accounts';

const newStaffForm = z.object({
  email: z.email({ message: 'Enter a valid email address.' }).trim().toLowerCase().max(254),
  name: z.string().trim().min(1, { message: 'Enter a name.' }).max(100, { message: 'Keep the name under 100 characters.' }),
  role: z.enum(['staff', 'owner'], { message: 'Choose a role.' }),
});

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
