import { useId } from 'react';
import type { Ref } from 'react';
import { useI18n } from '../i18n/i18n.context';

/**
 * The field that names a client on the auditor pages (`partner:reference` or the hub id), with its
 * hint and, when given, an error that marks it invalid.
 */
export function ClientField({
  label,
  value,
  onChange,
  error,
  inputRef,
  inline = true,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
  inline?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={inline ? 'field field--inline field--grow' : 'field'}>
      <label htmlFor={`${id}-client`}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {t.audit.accessLog.clientHint}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error" role="alert">
          {error}
        </p>
      )}
      <input
        ref={inputRef}
        id={`${id}-client`}
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
