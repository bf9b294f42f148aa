import { useId } from 'react';
import type { Ref } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { FormField } from './form.field';

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
    <FormField
      id={`${id}-client`}
      label={label}
      hint={t.audit.accessLog.clientHint}
      error={error}
      className={inline ? 'field field--inline field--grow' : 'field'}
    >
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
