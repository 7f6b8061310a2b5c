'use client';
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/**
 * Form controls for the admin: each has a visible label, its hint and its error linked by
 * aria-describedby, and aria-invalid while it has an error.
 */

const CONTROL = 'w-full rounded-lg border border-stone-300 bg-white px-3 py-2 aria-invalid:border-red-700 aria-invalid:ring-1 aria-invalid:ring-red-700';

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
}

function useFieldIds(errors: string[] | undefined, hint: ReactNode) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = !!errors && errors.length > 0;
  const describedBy = [hint ? hintId : null, hasError ? errorId : null].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, hasError, describedBy };
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-stone-600">
      {children}
    </p>
  );
}

function ErrorText({ id, errors }: { id: string; errors: string[] }) {
  return (
    <p id={id} className="text-sm font-medium text-red-800">
      {errors.join(' ')}
    </p>
  );
}

type TextFieldProps = FieldProps &
  Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'autoComplete' | 'placeholder' | 'onChange' | 'spellCheck'> & {
    defaultValue?: string;
    required?: boolean;
    className?: string;
  };

export function TextField({ name, label, hint, errors, defaultValue, required, className, ...rest }: TextFieldProps) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className={`flex flex-col gap-1 ${className ?? ''}`}>
      <label htmlFor={ids.id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={ids.id}
        name={name}
        defaultValue={defaultValue}
        aria-required={required || undefined}
        aria-invalid={ids.hasError || undefined}
        aria-describedby={ids.describedBy}
        className={CONTROL}
        {...rest}
      />
      {hint && <Hint id={ids.hintId}>{hint}</Hint>}
      {ids.hasError && <ErrorText id={ids.errorId} errors={errors!} />}
    </div>
  );
}

export function TextAreaField({ name, label, hint, errors, defaultValue, rows = 5 }: FieldProps & { defaultValue?: string; rows?: number }) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={ids.id} className="text-sm font-medium">
        {label}
      </label>
      <textarea
        id={ids.id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={ids.hasError || undefined}
        aria-describedby={ids.describedBy}
        className={CONTROL}
      />
      {hint && <Hint id={ids.hintId}>{hint}</Hint>}
      {ids.hasError && <ErrorText id={ids.errorId} errors={errors!} />}
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  options,
  onChange,
}: FieldProps & { defaultValue?: string; options: { value: string; label: string }[]; onChange?: (value: string) => void }) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={ids.id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={ids.id}
        name={name}
        defaultValue={defaultValue}
        onChange={onChange ? (e) => onChange(e.currentTarget.value) : undefined}
        aria-invalid={ids.hasError || undefined}
        aria-describedby={ids.describedBy}
        className={CONTROL}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <Hint id={ids.hintId}>{hint}</Hint>}
      {ids.hasError && <ErrorText id={ids.errorId} errors={errors!} />}
    </div>
  );
}

export function CheckboxField({ name, label, hint, errors, defaultChecked }: FieldProps & { defaultChecked?: boolean }) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <input
          id={ids.id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          aria-invalid={ids.hasError || undefined}
          aria-describedby={ids.describedBy}
          className="size-4 accent-brand-700"
        />
        <label htmlFor={ids.id} className="text-sm font-medium">
          {label}
        </label>
      </div>
      {hint && <Hint id={ids.hintId}>{hint}</Hint>}
      {ids.hasError && <ErrorText id={ids.errorId} errors={errors!} />}
    </div>
  );
}

export function FileField({ name, label, hint, errors, accept }: FieldProps & { accept: string }) {
  const ids = useFieldIds(errors, hint);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={ids.id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={ids.id}
        name={name}
        type="file"
        accept={accept}
        aria-invalid={ids.hasError || undefined}
        aria-describedby={ids.describedBy}
        className="text-sm file:mr-3 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:font-medium aria-invalid:text-red-800"
      />
      {hint && <Hint id={ids.hintId}>{hint}</Hint>}
      {ids.hasError && <ErrorText id={ids.errorId} errors={errors!} />}
    </div>
  );
}

/** The form's outcome: a polite status line for success, an alert for a refusal. Both always present. */
export function FormOutcome({ message, error }: { message: string; error: string }) {
  return (
    <div className="flex flex-col gap-1">
      <p role="status" className="min-h-6 text-sm font-medium text-brand-700">
        {message}
      </p>
      <p role="alert" className="min-h-6 text-sm font-medium text-red-800 empty:min-h-0">
        {error}
      </p>
    </div>
  );
}

export function SubmitButton({ pending, children, pendingText }: { pending: boolean; children: ReactNode; pendingText: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      className="self-start rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
    >
      {pending ? pendingText : children}
    </button>
  );
}
