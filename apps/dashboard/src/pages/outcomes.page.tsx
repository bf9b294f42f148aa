import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { getOutcomes } from '../api/api.client';
import type { Outcomes, OutcomesQuery } from '../api/contract';
import { navigate } from '../app/router';
import { useResource } from '../app/use-resource.hook';
import { CountBarChart, ShareBarChart } from '../components/bar.chart';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { FormField } from '../components/form.field';
import { useI18n } from '../i18n/i18n.context';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A CBS municipality code, as the hub names municipalities (GM0794 is Helmond). */
const MUNICIPALITY_CODE = /^GM\d{4}$/;
/** What the pilots reported (domain.md): Leiden's ladder and Tilburg's goals. */
const LEIDEN_LADDER_RISE = 0.77;
const TILBURG_GOAL_REACHED = 0.4;

function readQuery(query: URLSearchParams): OutcomesQuery {
  const date = (key: string) => {
    const value = query.get(key) ?? '';
    return ISO_DATE.test(value) ? value : undefined;
  };
  return {
    municipality: MUNICIPALITY_CODE.test(query.get('municipality') ?? '')
      ? query.get('municipality')!
      : undefined,
    from: date('from'),
    to: date('to'),
  };
}

function writeQuery(query: OutcomesQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, String(value));
  const text = search.toString();
  return `/outcomes${text ? `?${text}` : ''}`;
}

export function OutcomesPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const filters = readQuery(query);
  const outcomes = useResource(JSON.stringify(filters), (signal) => getOutcomes(filters, signal), {
    keepPrevious: true,
  });
  return (
    <>
      <PageHeading title={t.outcomes.title} />
      <p className="lead-text">{t.outcomes.intro}</p>
      <OutcomesFilters filters={filters} />
      {outcomes.error !== undefined && (
        <ErrorMessage error={outcomes.error} onRetry={outcomes.reload} />
      )}
      {!outcomes.data && outcomes.loading && <Loading />}
      {outcomes.data && <OutcomesView outcomes={outcomes.data} busy={outcomes.loading} />}
    </>
  );
}

function OutcomesFilters({ filters }: { filters: OutcomesQuery }) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState(filters);
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const key = JSON.stringify(filters);
  useEffect(() => setDraft(JSON.parse(key) as OutcomesQuery), [key]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const municipality = draft.municipality?.trim().toUpperCase() || undefined;
    if (municipality && !MUNICIPALITY_CODE.test(municipality)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    navigate(writeQuery({ ...draft, municipality }));
  };
  return (
    <form className="filters" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t.outcomes.filters}
      </h2>
      <FormField
        id={`${id}-municipality`}
        label={t.outcomes.municipality}
        hint={t.outcomes.municipalityHint}
        error={invalid ? t.outcomes.municipalityInvalid : undefined}
        className="field field--inline"
      >
        {(control) => (
          <input
            {...control}
            ref={input}
            type="text"
            size={10}
            autoComplete="off"
            spellCheck={false}
            value={draft.municipality ?? ''}
            onChange={(event) => setDraft({ ...draft, municipality: event.target.value })}
          />
        )}
      </FormField>
      <div className="field field--inline">
        <label htmlFor={`${id}-from`}>{t.outcomes.from}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={draft.from ?? ''}
          max={draft.to}
          onChange={(event) => setDraft({ ...draft, from: event.target.value })}
        />
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-to`}>{t.outcomes.to}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={draft.to ?? ''}
          min={draft.from}
          onChange={(event) => setDraft({ ...draft, to: event.target.value })}
        />
      </div>
      <button type="submit" className="button">
        {t.outcomes.apply}
      </button>
    </form>
  );
}

function OutcomesView({ outcomes, busy }: { outcomes: Outcomes; busy: boolean }) {
  const { t, percent, number, day } = useI18n();
  const tableId = useId();
  const share = (value: number | null) => (value === null ? t.outcomes.noData : percent(value));
  const ladderDetail = t.outcomes.ofClients(outcomes.ladderRise.rose, outcomes.ladderRise.clients);
  const goalDetail = t.outcomes.ofClients(
    outcomes.goalReached.reached,
    outcomes.goalReached.clients,
  );
  const rungs = [1, 2, 3, 4, 5, 6].map((rung) => ({
    rung,
    clients: outcomes.rungDistribution.find((entry) => entry.rung === rung)?.clients ?? 0,
  }));
  const scope = [
    outcomes.municipality ?? t.outcomes.allMunicipalities,
    outcomes.from || outcomes.to
      ? t.outcomes.period(
          outcomes.from ? day(outcomes.from) : '…',
          outcomes.to ? day(outcomes.to) : '…',
        )
      : t.outcomes.allTime,
  ].join(' · ');

  return (
    <div aria-busy={busy}>
      <p className="muted scope-line">{scope}</p>
      <dl className="stats">
        <Stat label={t.outcomes.clients} value={number(outcomes.clients)} />
        <Stat
          label={t.outcomes.ladderRise}
          value={outcomes.ladderRise.share === null ? null : percent(outcomes.ladderRise.share)}
          note={ladderDetail}
        />
        <Stat
          label={t.outcomes.goalReached}
          value={outcomes.goalReached.share === null ? null : percent(outcomes.goalReached.share)}
          note={goalDetail}
        />
        <Stat
          label={t.outcomes.attempts}
          value={nullable(outcomes.medianAttemptsBeforeFirstAppointment, number)}
        />
        <Stat
          label={t.outcomes.visits}
          value={nullable(outcomes.medianVisitsBeforeFirstFullAssessment, number)}
        />
      </dl>

      <div className="chart-grid">
        <section className="panel" aria-labelledby={`${tableId}-shares`}>
          <h2 id={`${tableId}-shares`}>{t.outcomes.sharesChart}</h2>
          <figure className="chart">
            <ShareBarChart
              title={t.outcomes.sharesChart}
              description={t.outcomes.sharesChartDesc(
                `${share(outcomes.ladderRise.share)} (${ladderDetail})`,
                `${share(outcomes.goalReached.share)} (${goalDetail})`,
              )}
              bars={[
                {
                  label: t.outcomes.ladderRise,
                  share: outcomes.ladderRise.share,
                  detail: ladderDetail,
                  benchmark: { label: t.outcomes.benchmarkLeiden, share: LEIDEN_LADDER_RISE },
                },
                {
                  label: t.outcomes.goalReached,
                  share: outcomes.goalReached.share,
                  detail: goalDetail,
                  benchmark: { label: t.outcomes.benchmarkTilburg, share: TILBURG_GOAL_REACHED },
                },
              ]}
            />
            <figcaption className="chart__caption">
              <p>{t.outcomes.ladderRiseHint}</p>
              <p>{t.outcomes.goalReachedHint}</p>
              <p>{t.outcomes.benchmark}</p>
            </figcaption>
          </figure>
        </section>

        <section className="panel" aria-labelledby={`${tableId}-rungs`}>
          <h2 id={`${tableId}-rungs`}>{t.outcomes.rungChart}</h2>
          <figure className="chart">
            <CountBarChart
              title={t.outcomes.rungChart}
              description={t.outcomes.rungChartDesc(
                rungs.map(({ rung, clients }) => `${rung}: ${clients}`).join(', '),
              )}
              bars={rungs.map(({ rung, clients }) => ({ label: String(rung), value: clients }))}
            />
            <figcaption>
              <details className="chart__table" open>
                <summary>{t.outcomes.chartTable}</summary>
                <table className="table table--compact">
                  <thead>
                    <tr>
                      <th scope="col">{t.outcomes.rungColumns.rung}</th>
                      <th scope="col" className="cell-number">
                        {t.outcomes.rungColumns.clients}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rungs.map(({ rung, clients }) => (
                      <tr key={rung}>
                        <th scope="row">
                          {rung} – {t.rungs[rung]}
                        </th>
                        <td className="cell-number">{clients}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            </figcaption>
          </figure>
        </section>
      </div>
    </div>
  );
}

function nullable(value: number | null, format: (n: number) => string): string | null {
  return value === null ? null : format(value);
}

/** A key figure; without enough data it says so instead of showing a number. */
function Stat({ label, value, note }: { label: string; value: string | null; note?: string }) {
  const { t } = useI18n();
  return (
    <div className="stat">
      <dt>{label}</dt>
      <dd className="stat__value">{value ?? t.app.notAvailable}</dd>
      {value === null ? (
        <dd className="stat__note">{t.outcomes.noData}</dd>
      ) : (
        note && <dd className="stat__note">{note}</dd>
      )}
    </div>
  );
}
