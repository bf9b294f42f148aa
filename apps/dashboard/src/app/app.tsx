import { useCallback, useEffect, useState } from 'react';
import { getSession, signOut, whenUnauthorized } from '../api/api.client';
import type { SessionView } from '../api/contract';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { LANGUAGE_NAMES, useI18n } from '../i18n/i18n.context';
import { AccessLogPage } from '../pages/access-log.page';
import { CaseloadPage } from '../pages/caseload.page';
import { ClientPage } from '../pages/client.page';
import { ErasurePage } from '../pages/erasure.page';
import { IntegrityPage } from '../pages/integrity.page';
import { OutcomesPage } from '../pages/outcomes.page';
import { ReplayPage } from '../pages/replay.page';
import { SignInPage } from '../pages/sign-in.page';
import { SubjectAccessPage } from '../pages/subject-access.page';
import { Link, useRoute, type Route } from './router';

type SessionState =
  | { state: 'loading' }
  | { state: 'failed'; error: unknown }
  | { state: 'signed-out'; notice?: string }
  | { state: 'signed-in'; session: SessionView };

export function App() {
  const { t, lang } = useI18n();
  const [session, setSession] = useState<SessionState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    getSession(lang).then(
      (view) => {
        if (!current) return;
        setSession(view ? { state: 'signed-in', session: view } : { state: 'signed-out' });
      },
      (error: unknown) => current && setSession({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
    // Asked once per page load (and on "try again"); the language does not change the session.
  }, [attempt]);

  // A data call that answers 401 means the session ended: back to signing in, on the same page.
  useEffect(() => {
    whenUnauthorized(() => setSession({ state: 'signed-out', notice: t.session.expired }));
    return () => whenUnauthorized(undefined);
  }, [t.session.expired]);

  const onSignOut = useCallback(async () => {
    await signOut().catch(() => undefined);
    setSession({ state: 'signed-out', notice: t.session.signedOut });
  }, [t.session.signedOut]);

  const signedIn = session.state === 'signed-in' ? session.session : undefined;
  return (
    <>
      <a className="skip-link" href="#main">
        {t.app.skipLink}
      </a>
      <Header session={signedIn} onSignOut={() => void onSignOut()} />
      <main id="main" className="main" tabIndex={-1}>
        {session.state === 'loading' && <Loading />}
        {session.state === 'failed' && (
          <ErrorMessage error={session.error} onRetry={() => setAttempt((n) => n + 1)} />
        )}
        {session.state === 'signed-out' && (
          <SignInPage
            notice={session.notice}
            onSignedIn={(view) => setSession({ state: 'signed-in', session: view })}
          />
        )}
        {signedIn && <Pages session={signedIn} />}
      </main>
      <footer className="footer">
        <p>{t.app.footer}</p>
      </footer>
    </>
  );
}

function Pages({ session }: { session: SessionView }) {
  const route = useRoute();
  switch (route.page) {
    case 'caseload':
      // An auditor's start page is the access log.
      if (session.role === 'auditor') return <AccessLogPage key="access-log" query={route.query} />;
      return <CaseloadPage key="caseload" query={route.query} session={session} />;
    case 'access-log':
      return <AccessLogPage key="access-log" query={route.query} />;
    case 'integrity':
      return <IntegrityPage key="integrity" />;
    case 'subject-access':
      return <SubjectAccessPage key="subject-access" />;
    case 'replay':
      return <ReplayPage key="replay" query={route.query} />;
    case 'erasure':
      return <ErasurePage key="erasure" session={session} />;
    case 'client':
      return <ClientPage key={`client:${route.reference}`} reference={route.reference} />;
    case 'outcomes':
      return <OutcomesPage key="outcomes" query={route.query} />;
    case 'not-found':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t.app.notFoundTitle} />
      <p>{t.app.notFound}</p>
      <p>
        <Link to="/">{t.app.backToCaseload}</Link>
      </p>
    </>
  );
}

function Header({ session, onSignOut }: { session?: SessionView; onSignOut: () => void }) {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <header className="header">
      <div className="header__inner">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t.app.name}</span>
          <span className="brand__tagline">
            {session?.role === 'auditor' ? t.audit.tagline : t.app.tagline}
          </span>
        </p>
        {session && <Navigation route={route} session={session} />}
        <div className="header__tools">
          {session && (
            <p className="user">
              <span className="visually-hidden">{t.session.signedInAs(session.displayName)}</span>
              <span aria-hidden="true" className="user__name">
                {session.displayName}
              </span>
              {organisation(session, t.session.roles[session.role]) && (
                <span className="user__org">
                  {organisation(session, t.session.roles[session.role])}
                </span>
              )}
            </p>
          )}
          <LanguageSwitch />
          {session && (
            <button type="button" className="button button--header" onClick={onSignOut}>
              {t.session.signOut}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}

/** The auditor's pages in the menu, in the order of their use; each names its dictionary key. */
const AUDIT_NAVIGATION = [
  ['access-log', 'accessLog'],
  ['integrity', 'integrity'],
  ['replay', 'replay'],
  ['subject-access', 'subjectAccess'],
  ['erasure', 'erasure'],
] as const;

function Navigation({ route, session }: { route: Route; session: SessionView }) {
  const { t } = useI18n();
  const auditor = session.role === 'auditor';
  const current = (page: Route['page']) =>
    route.page === page ||
    (page === 'caseload' && route.page === 'client') ||
    (auditor && page === 'access-log' && route.page === 'caseload')
      ? 'page'
      : undefined;
  const pages: [string, Route['page'], string][] = auditor
    ? AUDIT_NAVIGATION.map(([page, key]) => [`/audit/${page}`, page, t.audit.nav[key]])
    : [['/', 'caseload', t.nav.caseload]];
  return (
    <nav className="nav" aria-label={t.app.navLabel}>
      <ul>
        {[...pages, ['/outcomes', 'outcomes', t.nav.outcomes] as const].map(([to, page, name]) => (
          <li key={page}>
            <Link to={to} aria-current={current(page)}>
              {name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The partner a professional works for; for hub-wide roles the role, unless it is the name. */
function organisation(session: SessionView, role: string): string | undefined {
  if (session.partner) return session.partner.name;
  return role === session.displayName ? undefined : role;
}

/** Two buttons, the current language pressed; each names its language in that language. */
function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="language" role="group" aria-label={t.language.label}>
      {(['nl', 'en'] as const).map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language__option"
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          <span aria-hidden="true">{code.toUpperCase()}</span>
          <span className="visually-hidden">{LANGUAGE_NAMES[code]}</span>
        </button>
      ))}
    </div>
  );
}
