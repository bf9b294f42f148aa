import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { getAccessLog, type AccessLogSearch } from '../api/audit.client';
import type { AccessLogView } from '../api/audit.contract';
import { navigate } from '../app/router';
import { useResource } from '../app/use-resource.hook';
import { accessLogCsv } from '../audit/access-log.csv';
import { apiSearch, readSearch, writeSearch } from '../audit/access-log.search';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { FormField } from '../components/form.field';
import { useI18n } from '../i18n/i18n.context';

const PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 1000;
const CHANNELS = [
  'feed',
  'sse',
  'webhook',
  'kafka',
  'dashboard',
  'audit',
  'admin',
  'cli',
  'intake',
  'job',
];

export function AccessLogPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const search = readSearch(query);
  const key = JSON.stringify(search);
  // The cursors of the pages before this one, so that "previous" goes back without a new search.
  const [cursors, setCursors] = useState<{ key: string; stack: (string | undefined)[] }>({
    key,
    stack: [undefined],
  });
  const stack = cursors.key === key ? cursors.stack : [undefined];
  const after = stack.at(-1);
  const log = useResource(
    JSON.stringify([search, after]),
    (signal) => getAccessLog({ ...apiSearch(search), after, limit: PAGE_SIZE }, signal),
    { keepPrevious: true },
  );
  const first = (stack.length - 1) * PAGE_SIZE + 1;
  const entries = log.data?.entries ?? [];

  return (
    <>
      <PageHeading title={t.audit.accessLog.title} />
      <p className="lead-text">{t.audit.accessLog.intro}</p>
      <SearchForm search={search} />
      <div className="results-bar">
        <p role="status" className="results-count">
          {log.data &&
            (entries.length
              ? t.audit.accessLog.shown(first, first + entries.length - 1)
              : t.audit.accessLog.empty)}
        </p>
        <CsvExport search={search} />
      </div>
      {log.error !== undefined && <ErrorMessage error={log.error} onRetry={log.reload} />}
      {!log.data && log.loading && <Loading />}
      {entries.length > 0 && <AccessTable entries={entries} busy={log.loading} />}
      {(stack.length > 1 || log.data?.next) && (
        <nav className="pagination" aria-label={t.audit.accessLog.paging}>
          <button
            type="button"
            className="button button--secondary"
            disabled={stack.length === 1}
            onClick={() => setCursors({ key, stack: stack.slice(0, -1) })}
          >
            {t.audit.accessLog.previous}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={!log.data?.next}
            onClick={() => setCursors({ key, stack: [...stack, log.data?.next] })}
          >
            {t.audit.accessLog.next}
          </button>
        </nav>
      )}
    </>
  );
}

function SearchForm({ search }: { search: AccessLogSearch }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(search);
  const key = JSON.stringify(search);
  useEffect(() => setDraft(JSON.parse(key) as AccessLogSearch), [key]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(writeSearch(draft));
  };
  const text = (field: 'client' | 'partner' | 'user', hint?: string) => (
    <FormField
      id={`${id}-${field}`}
      label={t.audit.accessLog[field]}
      hint={hint}
      className={`field field--inline${field === 'client' ? ' field--grow' : ''}`}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={draft[field] ?? ''}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      )}
    </FormField>
  );
  const day = (field: 'from' | 'to') => (
    <div className="field field--inline">
      <label htmlFor={`${id}-${field}`}>{t.audit.accessLog[field]}</label>
      <input
        id={`${id}-${field}`}
        type="date"
        value={draft[field] ?? ''}
        onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
      />
    </div>
  );
  return (
    <form className="filters" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t.audit.accessLog.filters}
      </h2>
      {text('client', t.audit.accessLog.clientHint)}
      {text('partner')}
      {text('user')}
      <div className="field field--inline">
        <label htmlFor={`${id}-channel`}>{t.audit.accessLog.channel}</label>
        <select
          id={`${id}-channel`}
          value={draft.channel ?? ''}
          onChange={(event) => setDraft({ ...draft, channel: event.target.value })}
        >
          <option value="">{t.audit.accessLog.channelAll}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t.audit.channels[channel]}
            </option>
          ))}
        </select>
      </div>
      {day('from')}
      {day('to')}
      <div className="field field--inline">
        <button type="submit" className="button">
          {t.audit.accessLog.search}
        </button>
      </div>
      {Object.keys(search).length > 0 && (
        <div className="field field--inline">
          <button
            type="button"
            className="button button--link"
            onClick={() => navigate(writeSearch({}))}
          >
            {t.audit.accessLog.clear}
          </button>
        </div>
      )}
    </form>
  );
}

function AccessTable({ entries, busy }: { entries: AccessLogView[]; busy: boolean }) {
  const { t, dateTime } = useI18n();
  const columns = t.audit.accessLog.columns;
  return (
    <div className="table-scroll" aria-busy={busy || undefined}>
      <table className="table table--compact access-table">
        <caption className="table__caption">{t.audit.accessLog.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.when}</th>
            <th scope="col">{columns.who}</th>
            <th scope="col">{columns.client}</th>
            <th scope="col">{columns.what}</th>
            <th scope="col">{columns.channel}</th>
            <th scope="col">{columns.basis}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <AccessRow key={entry.id} entry={entry} when={dateTime(entry.occurredAt)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccessRow({ entry, when }: { entry: AccessLogView; when: string }) {
  const { t } = useI18n();
  const text = t.audit.accessLog;
  const { basis, reference, version } = entry.authorisation;
  return (
    <tr>
      <td className="cell-nowrap">
        <time dateTime={entry.occurredAt}>{when}</time>
      </td>
      <td>
        <span className="cell-code">{entry.user}</span>
        {entry.onBehalfOf && <span className="muted"> {text.onBehalfOf(entry.onBehalfOf)}</span>}
        {entry.partnerId && <span className="cell-detail">{entry.partnerId}</span>}
      </td>
      <td>
        {entry.clientId ? (
          <span className="cell-code" title={entry.clientId}>
            {entry.clientId.slice(0, 8)}
          </span>
        ) : (
          <span className="muted">{text.noClient}</span>
        )}
      </td>
      <td>
        <span className="cell-code">{entry.action}</span>
        {entry.emergency && <strong className="cell-note">{text.emergency}</strong>}
        {entry.disclosed && (
          <span className="cell-detail">
            {entry.disclosed.types.length
              ? entry.disclosed.types.map(shortType).join(', ')
              : text.nothingDisclosed}
            {entry.disclosed.categories.length > 0 &&
              ` (${entry.disclosed.categories.map((c) => t.audit.categories[c] ?? c).join(', ')})`}
          </span>
        )}
      </td>
      <td>
        {t.audit.channels[entry.channel] ?? entry.channel}
        <span className="cell-detail cell-code">{entry.accessPoint}</span>
      </td>
      <td>
        {t.audit.bases[basis] ?? basis}
        <span className="cell-detail">
          {reference}
          {version && `, ${text.version(version)}`}
        </span>
      </td>
    </tr>
  );
}

/** `nl.samenloop.visit-held.v1` as `visit-held`. */
function shortType(type: string): string {
  return type.replace(/^nl\.samenloop\./, '').replace(/\.v\d+$/, '');
}

/** Every page of the current search as one CSV file, made in the browser from the API. */
function CsvExport({ search }: { search: AccessLogSearch }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ busy: boolean; done?: number; error?: unknown }>({
    busy: false,
  });
  const run = async () => {
    setState({ busy: true });
    try {
      const entries: AccessLogView[] = [];
      let after: string | undefined;
      do {
        const page = await getAccessLog({ ...apiSearch(search), after, limit: EXPORT_PAGE_SIZE });
        entries.push(...page.entries);
        after = page.next;
      } while (after);
      download(accessLogCsv(entries), `access-log-${new Date().toISOString().slice(0, 10)}.csv`);
      setState({ busy: false, done: entries.length });
    } catch (error) {
      setState({ busy: false, error });
    }
  };
  return (
    <div className="csv-export">
      <button
        type="button"
        className="button button--secondary"
        disabled={state.busy}
        onClick={() => void run()}
      >
        {state.busy ? t.audit.accessLog.csvBusy : t.audit.accessLog.csv}
      </button>
      <p role="status" className="muted">
        {state.done !== undefined && t.audit.accessLog.csvDone(state.done)}
      </p>
      {state.error !== undefined && <ErrorMessage error={state.error} />}
    </div>
  );
}

function download(text: string, name: string): void {
  // The byte-order mark makes spreadsheets read the file as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked once the browser has started the download.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
