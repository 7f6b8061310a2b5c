import 'server-only';
import { z } from 'zod';
import { FORM_UNREADABLE, formFields, invalidInput, type ActionFailure } from '@/lib/forms/action-result';
import { BodyTooLargeError, readFormWithin, UnreadableBodyError } from '@/lib/security/request-body';
import { isSameOrigin } from '@/lib/security/same-origin';
import { NOT_ALLOWED } from './staff-action';
import { requireStaff, type Staff, type StaffRole } from './staff';

/** What a staff form route answers (JSON): the ActionResult shape, plus where to go after a success. */
export type StaffRouteResult = { ok: true; message: string; location?: string } | ActionFailure;

const json = (body: StaffRouteResult, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * staffAction's twin for a form posted to a route handler, for the one form that may carry more
 * than server actions accept (an image). In order, before the body is read: the request must
 * come from this site's own pages (a server action's Origin check, which routes lack) and from a
 * staff session; then the body is read up to `maxBytes`, parsed with zod, and handed on.
 */
export function staffFormRoute<S extends z.ZodType>(
  schema: (fields: Record<string, FormDataEntryValue>) => S,
  handler: (input: z.infer<S>, staff: Staff) => Promise<StaffRouteResult>,
  { maxBytes, tooLarge, role }: { maxBytes: number; tooLarge: ActionFailure; role?: StaffRole },
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (!isSameOrigin(request)) return json({ ok: false, error: NOT_ALLOWED }, 403);
    let staff: Staff;
    try {
      staff = await requireStaff(role);
    } catch {
      return json({ ok: false, error: NOT_ALLOWED }, 403);
    }
    let fields: Record<string, FormDataEntryValue> | null;
    try {
      fields = formFields(await readFormWithin(request, maxBytes));
    } catch (err) {
      if (err instanceof BodyTooLargeError) return json(tooLarge, 413);
      if (err instanceof UnreadableBodyError) return json({ ok: false, error: FORM_UNREADABLE }, 400);
      throw err;
    }
    if (!fields) return json({ ok: false, error: FORM_UNREADABLE }, 400);
    const parsed = schema(fields).safeParse(fields);
    if (!parsed.success) return json(invalidInput(parsed.error), 422);
    const result = await handler(parsed.data, staff);
    return json(result, result.ok ? 200 : 422);
  };
}
