/**
 * The one shape every server action answers with, and the one way a zod error becomes field
 * errors. Forms show `error` in their status line and `fieldErrors[name]` next to each field.
 * Pure: safe in client components (they import the types) and in unit tests.
 */
import type { z } from 'zod';

/** Messages per form field name (a field can have several); '' holds errors not tied to a field. */
export type FieldErrors = Record<string, string[] | undefined>;

export type ActionSuccess<T = undefined> = { ok: true; message: string } & ([T] extends [undefined] ? { data?: undefined } : { data: T });
export interface ActionFailure {
  ok: false;
  error: string;
  fieldErrors?: FieldErrors;
  /** A machine-readable reason, when callers branch on it (e.g. 'rate_limited', 'changed'). */
  code?: string;
  /** Lines to list under the message (e.g. what changed in a cart). */
  details?: string[];
  /** What was typed, to put back into a form that React reset after the action (never secrets). */
  values?: Record<string, string>;
}
export type ActionResult<T = undefined> = ActionSuccess<T> | ActionFailure;
/** useActionState's state: null before the first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;

export const CHECK_FIELDS = 'Check the highlighted fields.';
export const FORM_UNREADABLE = 'The form could not be read. Reload the page and try again.';

/** Each issue under the top-level field it is about (the first path segment). */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** The first message for each field: for forms that show one message per field. */
export function firstFieldErrors(errors: FieldErrors): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(errors)) if (messages?.[0]) out[key] = messages[0];
  return out;
}

export function invalidInput(error: z.ZodError, message: string = CHECK_FIELDS): ActionFailure {
  return { ok: false, error: message, fieldErrors: fieldErrorsFrom(error) };
}

export function failure(error: string, extra: Omit<ActionFailure, 'ok' | 'error'> = {}): ActionFailure {
  return { ok: false, error, ...extra };
}

/**
 * A posted form as a plain object for a zod schema, or null when the argument is not a FormData
 * (a hand-made request). React's internal `$ACTION_` fields are left out; a repeated name keeps
 * its first value, so a tampered form cannot turn a field into an array.
 */
export function formFields(formData: unknown): Record<string, FormDataEntryValue> | null {
  if (!(formData instanceof FormData)) return null;
  const out: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData) if (!key.startsWith('$ACTION') && !(key in out)) out[key] = value;
  return out;
}
