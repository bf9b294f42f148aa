import type { ReactNode } from 'react';

/** What ties a field's control to its label, hint and error. */
export interface FieldControl {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled field with its hint and, when given, an error that marks the control invalid. The
 * error is announced as an alert unless the form lists it in an error summary of its own.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  summarised = false,
  className = 'field',
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  summarised?: boolean;
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error" role={summarised ? undefined : 'alert'}>
          {error}
        </p>
      )}
      {children({
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
    </div>
  );
}
