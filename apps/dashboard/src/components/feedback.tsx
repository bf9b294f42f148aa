import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/api.client';
import { navigationCount } from '../app/router';
import { useI18n } from '../i18n/i18n.context';

/** A polite status line for screen readers and sighted users alike. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t.app.loading}
    </p>
  );
}

/** What a failed call means for the user, in their language, with the hub's detail when useful. */
export function describeError(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (!(error instanceof ApiError)) return t.app.errorTitle;
  if (error.status === 0) return t.app.unreachable;
  if (error.status === 403) return t.app.forbidden;
  if (error.status === 404) return error.problem?.detail ?? t.app.notFound;
  return error.problem?.detail ?? error.problem?.title ?? t.app.errorTitle;
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert__title">{t.app.errorTitle}</p>
      <p>{describeError(error, t)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t.app.retry}
        </button>
      )}
    </div>
  );
}

/**
 * The page's h1. It names the page in the document title and, after an in-page navigation,
 * takes the focus so that screen readers announce the new page and Tab starts from there.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t.app.name}`;
  }, [title, t.app.name]);
  useEffect(() => {
    if (navigationCount() > 0) heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
