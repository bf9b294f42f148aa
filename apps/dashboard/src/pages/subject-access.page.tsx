import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Lang } from '../api/api.client';
import { exportUrl } from '../api/audit.client';
import { ClientField } from '../components/client.field';
import { PageHeading } from '../components/feedback';
import { LANGUAGE_NAMES, useI18n } from '../i18n/i18n.context';

/**
 * The subject-access export for one client: the hub makes it (and logs it) when the link is
 * followed, so the page only builds the links, and checks that a client was named.
 */
export function SubjectAccessPage() {
  const { t, lang } = useI18n();
  const text = t.audit.subjectAccess;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [client, setClient] = useState('');
  const [reportLang, setReportLang] = useState<Lang>(lang);
  const [missing, setMissing] = useState(false);
  const [ready, setReady] = useState<{ client: string; lang: Lang }>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const named = client.trim();
    setMissing(!named);
    if (!named) {
      input.current?.focus();
      return;
    }
    setReady({ client: named, lang: reportLang });
  };
  return (
    <>
      <PageHeading title={text.title} />
      <p className="lead-text">{text.intro}</p>
      <form className="filters" onSubmit={submit} noValidate>
        <ClientField
          label={text.client}
          value={client}
          onChange={setClient}
          error={missing ? text.missing : undefined}
          inputRef={input}
        />
        <div className="field field--inline">
          <label htmlFor={`${id}-lang`}>{text.lang}</label>
          <select
            id={`${id}-lang`}
            value={reportLang}
            onChange={(event) => setReportLang(event.target.value as Lang)}
          >
            {(['nl', 'en'] as const).map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <button type="submit" className="button">
            {text.make}
          </button>
        </div>
      </form>
      {ready && (
        <section className="panel" aria-live="polite">
          <p>{text.ready}</p>
          <ul>
            <li>
              <a href={exportUrl(ready.client, 'html', ready.lang)} target="_blank" rel="noopener">
                {text.open}
              </a>
            </li>
            <li>
              <a href={exportUrl(ready.client, 'json', ready.lang)} download>
                {text.json}
              </a>
            </li>
          </ul>
        </section>
      )}
    </>
  );
}
