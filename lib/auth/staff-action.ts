import 'server-only';
import { z } from 'zod';
import { requireStaff, type Staff, type StaffRole } from './staff';

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionState = { ok: true; message: string } | { ok: false; error: string; fieldErrors?: FieldErrors } | null;

export const NOT_ALLOWED = 'You are not allowed to do that. Sign in with a staff account and try again.';

/**
 * Every admin server action goes through this: it checks the session and role first (an
 * action is reachable by a direct POST, whatever page it sits on), then parses the form with
 * zod, and only then runs the handler. Refusals and bad input change nothing.
 */
export function staffAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.infer<S>, staff: Staff) => Promise<ActionState>,
  options: { role?: StaffRole } = {},
): (prev: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_prev, formData) => {
    let staff: Staff;
    try {
      staff = await requireStaff(options.role);
    } catch {
      return { ok: false, error: NOT_ALLOWED };
    }
    if (!(formData instanceof FormData)) return { ok: false, error: 'The form could not be read. Reload the page and try again.' };
    const parsed = schema.safeParse(formToObject(formData));
    if (!parsed.success) {
      return { ok: false, error: 'Check the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
    }
    return handler(parsed.data, staff);
  };
}

/** Form fields as an object; React's internal `$ACTION_` fields are left out. */
function formToObject(formData: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData) if (!key.startsWith('$ACTION')) out[key] = value;
  return out;
}
