import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, signIn } from '../api/api.client';
import type { SessionView } from '../api/contract';
import { describeError, PageHeading } from '../components/feedback';
import { FormField } from '../components/form.field';
import { useI18n } from '../i18n/i18n.context';

interface FieldErrors {
  username?: string;
  password?: string;
}

/** Labelled fields; every error is written beside its field and announced. */
export function SignInPage({
  notice,
  onSignedIn,
}: {
  notice?: string;
  onSignedIn: (session: SessionView) => void;
}) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const errors: FieldErrors = {};
    if (!username.trim()) errors.username = t.signIn.usernameMissing;
    if (!password) errors.password = t.signIn.passwordMissing;
    setFieldErrors(errors);
    setFailure(undefined);
    if (errors.username) return usernameInput.current?.focus();
    if (errors.password) return passwordInput.current?.focus();

    setBusy(true);
    try {
      onSignedIn(await signIn({ username: username.trim(), password }, lang));
    } catch (error) {
      setBusy(false);
      setPassword('');
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) {
        setFailure(t.signIn.failed);
      } else if (error instanceof ApiError && error.status === 429) {
        setFailure(t.signIn.tooMany);
      } else {
        setFailure(describeError(error, t));
      }
      passwordInput.current?.focus();
    }
  };

  const hasErrors = Boolean(fieldErrors.username || fieldErrors.password || failure);
  return (
    <div className="sign-in">
      <div className="card sign-in__card">
        <PageHeading title={t.signIn.title} />
        <p className="lead-text">{t.signIn.intro}</p>
        {notice && !hasErrors && (
          <p className="alert alert--info" role="status">
            {notice}
          </p>
        )}
        <div role="alert" className={hasErrors ? 'alert alert--error' : 'visually-hidden'}>
          {hasErrors && (
            <>
              <p className="alert__title">{t.signIn.errorSummary}</p>
              <ul>
                {failure && <li>{failure}</li>}
                {fieldErrors.username && <li>{fieldErrors.username}</li>}
                {fieldErrors.password && <li>{fieldErrors.password}</li>}
              </ul>
            </>
          )}
        </div>
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <FormField
            id="username"
            label={t.signIn.username}
            hint={t.signIn.usernameHint}
            error={fieldErrors.username}
            summarised
            className={invalidIf(fieldErrors.username)}
          >
            {(control) => (
              <input
                {...control}
                ref={usernameInput}
                name="username"
                type="text"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="password"
            label={t.signIn.password}
            error={fieldErrors.password}
            summarised
            className={invalidIf(fieldErrors.password)}
          >
            {(control) => (
              <input
                {...control}
                ref={passwordInput}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </FormField>
          <button type="submit" className="button" aria-disabled={busy}>
            {busy ? t.signIn.busy : t.signIn.submit}
          </button>
        </form>
      </div>
    </div>
  );
}

function invalidIf(error: string | undefined): string {
  return error ? 'field field--invalid' : 'field';
}
