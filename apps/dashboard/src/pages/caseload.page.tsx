import { memo, useEffect, useId, useRef, useState } from 'react';
import { getCaseload } from '../api/api.client';
import type { CaseloadQuery, CaseloadRow, SessionView, SignalRule } from '../api/contract';
import { clientPath, Link, navigate } from '../app/router';
import { useResource } from '../app/use-resource.hook';
import { ArrowDownIcon, ArrowUpIcon, LockIcon, SortIcon } from '../components/icons';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { SignalBadges } from '../components/signal.badge';
import { useI18n } from '../i18n/i18n.context';

type SortKey = NonNullable<CaseloadQuery['sort']>;
type Order = NonNullable<CaseloadQuery['order']>;

const SIGNAL_RULES: SignalRule[] = [
  'unreached-after-attempts',
  'referral-unanswered',
  'working-past-each-other',
  'no-contact',
  'no-case-lead',
];
const SORT_KEYS: SortKey[] = [
  'reference',
  'lastContactAt',
  'currentRung',
  'signals',
  'openReferrals',
];
/** The order a column sorts in when first clicked: what needs attention first. */
const FIRST_ORDER: Record<SortKey, Order> = {
  reference: 'asc',
  lastContactAt: 'asc',
  currentRung: 'asc',
  signals: 'desc',
  openReferrals: 'desc',
};
const PAGE_SIZES = [25, 50, 100, 250, 500];
const DEFAULT_PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** The caseload's filters, sort and page, kept in the address so Back and bookmarks work. */
interface View {
  scope: 'mine' | 'involved';
  status: 'open' | 'closed' | 'all';
  signal: SignalRule | '';
  search: string;
  sort: SortKey;
  order: Order;
  page: number;
  size: number;
}

const DEFAULT_VIEW: View = {
  scope: 'mine',
  status: 'open',
  signal: '',
  search: '',
  sort: 'signals',
  order: 'desc',
  page: 1,
  size: DEFAULT_PAGE_SIZE,
};

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function readView(query: URLSearchParams): View {
  const page = Number(query.get('page'));
  const size = Number(query.get('size'));
  return {
    scope: oneOf(query.get('scope'), ['mine', 'involved'], DEFAULT_VIEW.scope),
    status: oneOf(query.get('status'), ['open', 'closed', 'all'], DEFAULT_VIEW.status),
    signal: oneOf(query.get('signal'), SIGNAL_RULES, ''),
    search: query.get('q') ?? '',
    sort: oneOf(query.get('sort'), SORT_KEYS, DEFAULT_VIEW.sort),
    order: oneOf(query.get('order'), ['asc', 'desc'], DEFAULT_VIEW.order),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    size: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

function writeView(view: View): string {
  const query = new URLSearchParams();
  const put = (key: string, value: string | number, fallback: string | number) => {
    if (value !== fallback) query.set(key, String(value));
  };
  put('scope', view.scope, DEFAULT_VIEW.scope);
  put('status', view.status, DEFAULT_VIEW.status);
  put('signal', view.signal, '');
  put('q', view.search, '');
  put('sort', view.sort, DEFAULT_VIEW.sort);
  put('order', view.order, DEFAULT_VIEW.order);
  put('page', view.page, 1);
  put('size', view.size, DEFAULT_PAGE_SIZE);
  const text = query.toString();
  return text ? `/?${text}` : '/';
}

/** The last caseload address, so "back to the caseload" returns to the same filters. */
let lastCaseloadPath = '/';
export function caseloadPath(): string {
  return lastCaseloadPath;
}

export function CaseloadPage({ query, session }: { query: URLSearchParams; session: SessionView }) {
  const { t } = useI18n();
  if (session.role !== 'case-lead') {
    return (
      <>
        <PageHeading title={t.caseload.title} />
        <div className="alert alert--info">
          <p>{t.caseload.notCaseLead}</p>
          <p>
            <Link to="/outcomes">{t.caseload.toOutcomes}</Link>
          </p>
        </div>
      </>
    );
  }
  return <Caseload query={query} session={session} />;
}

function Caseload({ query, session }: { query: URLSearchParams; session: SessionView }) {
  const { t, lang } = useI18n();
  const view = readView(query);
  const hasPartner = Boolean(session.partner);
  const apiQuery: CaseloadQuery = {
    scope: hasPartner ? view.scope : undefined,
    status: view.status === 'all' ? undefined : view.status,
    signal: view.signal || undefined,
    search: view.search.trim() || undefined,
    sort: view.sort,
    order: view.order,
    limit: view.size,
    offset: (view.page - 1) * view.size,
  };
  const key = JSON.stringify([apiQuery, lang]);
  const caseload = useResource(key, (signal) => getCaseload(apiQuery, lang, signal), {
    keepPrevious: true,
  });

  const path = writeView(view);
  useEffect(() => {
    lastCaseloadPath = path;
  }, [path]);

  const change = (patch: Partial<View>, options: { replace?: boolean } = {}) => {
    // Any change but paging starts again on page 1.
    navigate(writeView({ ...view, page: 1, ...patch }), options);
  };

  const data = caseload.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / view.size)) : 1;
  const first = data && data.total > 0 ? (view.page - 1) * view.size + 1 : 0;
  const last = data ? Math.min(data.total, view.page * view.size) : 0;
  const filtered = view.status !== DEFAULT_VIEW.status || view.signal !== '' || view.search !== '';

  return (
    <>
      <PageHeading title={t.caseload.title} />
      <p className="lead-text">{t.caseload.intro}</p>

      <Filters view={view} hasPartner={hasPartner} onChange={change} />

      <div className="results-bar">
        <p role="status" className="results-count">
          {data ? t.caseload.count(data.total) : ''}
        </p>
        {filtered && (
          <button
            type="button"
            className="button button--link"
            onClick={() => change({ status: DEFAULT_VIEW.status, signal: '', search: '' })}
          >
            {t.caseload.clear}
          </button>
        )}
        {data && data.total > view.size && (
          <p className="muted results-range">{t.caseload.range(first, last, data.total)}</p>
        )}
      </div>

      {caseload.error !== undefined && (
        <ErrorMessage error={caseload.error} onRetry={caseload.reload} />
      )}
      {!data && caseload.loading && <Loading />}
      {data && data.total === 0 && (
        <div className="empty">
          <p>{view.scope === 'mine' && hasPartner ? t.caseload.emptyMine : t.caseload.empty}</p>
          {view.scope === 'mine' && hasPartner && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => change({ scope: 'involved' })}
            >
              {t.caseload.showInvolved}
            </button>
          )}
        </div>
      )}
      {data && data.rows.length > 0 && (
        <CaseloadTable
          rows={data.rows}
          view={view}
          busy={caseload.loading}
          onSort={(sort) =>
            change({
              sort,
              order:
                sort === view.sort ? (view.order === 'asc' ? 'desc' : 'asc') : FIRST_ORDER[sort],
            })
          }
        />
      )}
      {data && data.total > 0 && (
        <Pagination
          view={view}
          pages={pages}
          onPage={(page) => navigate(writeView({ ...view, page }))}
          onSize={(size) => change({ size })}
        />
      )}
    </>
  );
}

function Filters({
  view,
  hasPartner,
  onChange,
}: {
  view: View;
  hasPartner: boolean;
  onChange: (patch: Partial<View>, options?: { replace?: boolean }) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState(view.search);
  // The latest handler, so that re-renders while typing do not restart the pause.
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });

  // The address changed under us (Back, "clear filters"): show its search.
  useEffect(() => setSearch(view.search), [view.search]);

  // Typing searches after a pause, replacing the address instead of adding a history entry per key.
  useEffect(() => {
    if (search === view.search) return;
    const timer = window.setTimeout(
      () => latestOnChange.current({ search }, { replace: true }),
      SEARCH_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [search, view.search]);

  return (
    <section className="filters" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t.caseload.filters}
      </h2>
      {hasPartner && (
        <fieldset className="segmented">
          <legend>{t.caseload.scope}</legend>
          {(['mine', 'involved'] as const).map((scope) => (
            <label key={scope} className="segmented__option">
              <input
                type="radio"
                name={`${id}-scope`}
                value={scope}
                checked={view.scope === scope}
                onChange={() => onChange({ scope })}
              />
              <span>{scope === 'mine' ? t.caseload.scopeMine : t.caseload.scopeInvolved}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="field field--inline">
        <label htmlFor={`${id}-status`}>{t.caseload.status}</label>
        <select
          id={`${id}-status`}
          value={view.status}
          onChange={(event) => onChange({ status: event.target.value as View['status'] })}
        >
          <option value="open">{t.status.open}</option>
          <option value="closed">{t.status.closed}</option>
          <option value="all">{t.caseload.statusAll}</option>
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-signal`}>{t.caseload.signal}</label>
        <select
          id={`${id}-signal`}
          value={view.signal}
          onChange={(event) => onChange({ signal: event.target.value as View['signal'] })}
        >
          <option value="">{t.caseload.signalAll}</option>
          {SIGNAL_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {t.signals[rule]}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline field--grow">
        <label htmlFor={`${id}-search`}>{t.caseload.search}</label>
        <input
          id={`${id}-search`}
          type="search"
          placeholder={t.caseload.searchHint}
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onChange({ search }, { replace: true });
          }}
        />
      </div>
    </section>
  );
}

type ColumnKey = keyof ReturnType<typeof useI18n>['t']['caseload']['columns'];
const COLUMNS: { key: ColumnKey; sort?: SortKey; numeric?: boolean }[] = [
  { key: 'client', sort: 'reference' },
  { key: 'status' },
  { key: 'lead' },
  { key: 'partners' },
  { key: 'ladder', sort: 'currentRung' },
  { key: 'lastContact', sort: 'lastContactAt' },
  { key: 'referrals', sort: 'openReferrals', numeric: true },
  { key: 'goals' },
  { key: 'signals', sort: 'signals' },
];

function CaseloadTable({
  rows,
  view,
  busy,
  onSort,
}: {
  rows: CaseloadRow[];
  view: View;
  busy: boolean;
  onSort: (key: SortKey) => void;
}) {
  const { t } = useI18n();
  const captionId = useId();
  return (
    <div
      className="table-scroll"
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      aria-busy={busy}
    >
      <table className="table caseload-table">
        <caption id={captionId} className="visually-hidden">
          {t.caseload.tableCaption}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map(({ key, sort, numeric }) => {
              const label = t.caseload.columns[key];
              if (!sort) {
                return (
                  <th key={key} scope="col">
                    {label}
                  </th>
                );
              }
              const direction =
                view.sort === sort ? (view.order === 'asc' ? 'ascending' : 'descending') : 'none';
              return (
                <th
                  key={key}
                  scope="col"
                  aria-sort={direction}
                  className={numeric ? 'cell-number' : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(sort)}>
                    {label}
                    <SortIcon direction={direction} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <CaseloadRowView key={row.reference} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Memoised: re-sorting or paging re-renders only rows that changed. */
const CaseloadRowView = memo(function CaseloadRowView({ row }: { row: CaseloadRow }) {
  const { t, date, ago } = useI18n();
  const name = typeof row.displayName === 'string' ? row.displayName : null;
  const rose =
    row.firstRung !== undefined && row.currentRung !== undefined
      ? Math.sign(row.currentRung - row.firstRung)
      : 0;
  return (
    <tr className={row.signals.length > 0 ? 'row--attention' : undefined}>
      <th scope="row" className="cell-client">
        <Link to={clientPath(row.reference)} className="client-link">
          {row.reference}
        </Link>
        <span className="client-name">
          {name ?? (
            <span className="restricted-text">
              <LockIcon />
              {t.client.restricted}
            </span>
          )}
        </span>
      </th>
      <td>
        <span className={`status status--${row.status}`}>{t.status[row.status]}</span>
      </td>
      <td>
        {row.lead ? (
          row.ledByViewer ? (
            <strong className="cell-nowrap">{t.caseload.leadUs}</strong>
          ) : (
            row.lead.partnerName
          )
        ) : (
          <span className="muted">{t.caseload.noLead}</span>
        )}
      </td>
      <td>
        <ul className="inline-list">
          {row.involvedPartners.map((partner) => (
            <li key={partner.id} title={partner.name}>
              {t.partnerKinds[partner.kind] ?? partner.name}
            </li>
          ))}
        </ul>
      </td>
      <td>
        {row.currentRung === undefined ? (
          <span className="muted">{t.app.notAvailable}</span>
        ) : row.firstRung !== undefined && row.firstRung !== row.currentRung ? (
          // A plain span may not carry aria-label (WCAG 4.1.2): screen readers get hidden text.
          <span className={`rung-change ${rose > 0 ? 'rung-change--up' : 'rung-change--down'}`}>
            <span aria-hidden="true">
              {row.firstRung} → {row.currentRung}
            </span>
            {rose > 0 ? <ArrowUpIcon /> : <ArrowDownIcon />}
            <span className="visually-hidden">
              {t.caseload.rungChange(row.firstRung, row.currentRung)}
            </span>
          </span>
        ) : (
          <span>
            <span aria-hidden="true">{row.currentRung}</span>
            <span className="visually-hidden">{t.caseload.rungOnly(row.currentRung)}</span>
          </span>
        )}
      </td>
      <td>
        {row.lastContactAt ? (
          <time dateTime={row.lastContactAt} title={date(row.lastContactAt)}>
            {ago(row.lastContactAt)}
          </time>
        ) : (
          <span className="muted">{t.caseload.neverReached}</span>
        )}
        {row.attemptsSinceLastContact > 0 && (
          <span className="cell-note">
            {t.caseload.attemptsSince(row.attemptsSinceLastContact)}
          </span>
        )}
      </td>
      <td className="cell-number">{row.openReferrals}</td>
      <td className="cell-nowrap">
        <span className="stacked">
          <span>{t.caseload.goalsOpen(row.openGoals)}</span>
          <span>{t.caseload.goalsReached(row.reachedGoals)}</span>
        </span>
      </td>
      <td>
        <SignalBadges signals={row.signals} />
      </td>
    </tr>
  );
});

function Pagination({
  view,
  pages,
  onPage,
  onSize,
}: {
  view: View;
  pages: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <nav className="pagination" aria-label={t.caseload.pagination}>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={view.page <= 1}
        onClick={() => view.page > 1 && onPage(view.page - 1)}
      >
        {t.caseload.previous}
      </button>
      <span className="pagination__page">{t.caseload.page(view.page, pages)}</span>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={view.page >= pages}
        onClick={() => view.page < pages && onPage(view.page + 1)}
      >
        {t.caseload.next}
      </button>
      <span className="field field--inline pagination__size">
        <label htmlFor={`${id}-size`}>{t.caseload.pageSize}</label>
        <select
          id={`${id}-size`}
          value={view.size}
          onChange={(event) => onSize(Number(event.target.value))}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </span>
    </nav>
  );
}
