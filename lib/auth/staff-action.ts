import 'server-only';
import { z } from 'zod';
import { failure, FORM_UNREADABLE, formFields, invalidInput, type ActionResult, type ActionState } from '@/lib/forms/action-result';
import { requireStaff, type Staff, type StaffRole } from './staff';

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
    const fields = formFields(formData);
    if (!fields) return { ok: false, error: FORM_UNREADABLE };
    const parsed = schema.safeParse(fields);
    if (!parsed.success) return invalidInput(parsed.error);
    return handler(parsed.data, staff);
  };
}

/**
 * The same checks for an action that a component calls with one plain argument rather than a
 * form (e.g. an email typed into a client-side step): staff first, then the argument parsed with
 * zod (its first message is the answer), then the handler.
 */
export function staffCall<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, staff: Staff) => Promise<ActionResult<T>>,
  options: { role?: StaffRole } = {},
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    let staff: Staff;
    try {
      staff = await requireStaff(options.role);
    } catch {
      return failure(NOT_ALLOWED);
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return failure(parsed.error.issues[0]?.message ?? FORM_UNREADABLE);
    return handler(parsed.data, staff);
  };
}
