'use client';
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ActionState, FieldErrors } from '@/lib/forms/action-result';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * useActionState for the admin's forms, submitted by script once hydrated (and as a plain form
 * post before that). React resets a form after its action runs; these forms are not reset, so a
 * refused save keeps what was typed. After a save the page re-renders with the saved values.
 * `check` can refuse a submission in the browser first (e.g. an image that is far too large).
 */
export function useActionForm(action: Action, check?: (data: FormData) => FieldErrors | null) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [browserErrors, setBrowserErrors] = useState<FieldErrors | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fieldErrors = browserErrors ?? (state && !state.ok ? state.fieldErrors : undefined) ?? {};

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    const refused = check?.(data) ?? null;
    setBrowserErrors(refused);
    if (refused) return;
    startTransition(() => dispatch(data));
  }

  // Move focus to the first field that needs attention, so keyboard and screen-reader users land on it.
  useEffect(() => {
    const refused = browserErrors ?? (state && !state.ok ? state.fieldErrors : undefined);
    if (refused && Object.keys(refused).length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, browserErrors]);

  const error = browserErrors ? 'Check the highlighted fields.' : state && !state.ok ? state.error : '';
  const message = !browserErrors && state?.ok ? state.message : '';
  return { formRef, onSubmit, formAction: dispatch, pending, fieldErrors, error, message };
}
