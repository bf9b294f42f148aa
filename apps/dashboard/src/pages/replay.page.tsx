import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { getReplay } from '../api/audit.client';
import type {
  AsOfClock,
  PartnerSight,
  ReplayTimelineEntry,
  ReplayView,
} from '../api/audit.contract';
import { navigate } from '../app/router';
import { useResource } from '../app/use-resource.hook';
import { ClientField } from '../components/client.field';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { useI18n } from '../i18n/i18n.context';

/** The page's address: `/audit/replay?client=<ref>&by=recorded|happened&step=<n>`. */
interface ReplayQuery {
  client: string;
  by: AsOfClock;
  /** 1-based: the moment of the n-th event on the chosen clock; the last when absent. */
  step?: number;
}

function readQuery(query: URLSearchParams): ReplayQuery {
  const step = Number(query.get('step'));
  return {
    client: query.get('client')?.trim() ?? '',
    by: query.get('by') === 'happened' ? 'happened' : 'recorded',
    ...(Number.isInteger(step) && step > 0 ? { step } : {}),
  };
}

function writeQuery({ client, by, step }: ReplayQuery): string {
  const query = new URLSearchParams({ client, by });
  if (step) query.set('step', String(step));
  return `/audit/replay?${query.toString()}`;
}

/** The moments a slider steps through: every event's time on the clock, in order. */
function momentsOf(timeline: readonly ReplayTimelineEntry[], by: AsOfClock): string[] {
  const times = timeline.map((entry) => (by === 'happened' ? entry.occurredAt : entry.recordedAt));
  return [...new Set(times)].sort();
}

export function ReplayPage({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const view = readQuery(query);
  return (
    <>
      <PageHeading title={t.audit.replay.title} />
      <p className="lead-text">{t.audit.replay.intro}</p>
      <ClientForm
        client={view.client}
        onLoad={(client) => navigate(writeQuery({ client, by: view.by }))}
      />
      {view.client && <Replay key={view.client} view={view} />}
    </>
  );
}

function ClientForm({ client, onLoad }: { client: string; onLoad: (client: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(client);
  useEffect(() => setDraft(client), [client]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.trim()) onLoad(draft.trim());
  };
  return (
    <form className="filters" onSubmit={submit}>
      <ClientField label={t.audit.replay.client} value={draft} onChange={setDraft} />
      <div className="field field--inline">
        <button type="submit" className="button">
          {t.audit.replay.load}
        </button>
      </div>
    </form>
  );
}

function Replay({ view }: { view: ReplayQuery }) {
  const { t } = useI18n();
  // The whole case once, for the slider's moments; then the case as of the chosen one.
  const whole = useResource(`whole:${view.client}`, (signal) => getReplay(view.client, {}, signal));
  if (whole.error !== undefined) return <ErrorMessage error={whole.error} onRetry={whole.reload} />;
  if (!whole.data) return <Loading />;
  const moments = momentsOf(whole.data.timeline, view.by);
  if (moments.length === 0) return <p className="empty">{t.audit.replay.noEvents}</p>;
  const step = Math.min(view.step ?? moments.length, moments.length);
  return <AsOf view={{ ...view, step }} moments={moments} />;
}

function AsOf({ view, moments }: { view: ReplayQuery & { step: number }; moments: string[] }) {
  const { t, dateTime } = useI18n();
  const text = t.audit.replay;
  const id = useId();
  const asOf = moments[view.step - 1]!;
  const [step, setStep] = useState(view.step);
  useEffect(() => setStep(view.step), [view.step]);
  // The slider moves freely; the address (and so the request) follows once it rests.
  useEffect(() => {
    if (step === view.step) return;
    const timer = window.setTimeout(
      () => navigate(writeQuery({ ...view, step }), { replace: true }),
      300,
    );
    return () => window.clearTimeout(timer);
  }, [step, view]);
  const replay = useResource(
    JSON.stringify([view.client, asOf, view.by]),
    (signal) => getReplay(view.client, { asOf, by: view.by }, signal),
    { keepPrevious: true },
  );
  const shown = moments[step - 1]!;
  return (
    <>
      <div className="filters">
        <fieldset className="segmented">
          <legend>{text.clock}</legend>
          {(['recorded', 'happened'] as const).map((by) => (
            <label key={by} className="segmented__option">
              <input
                type="radio"
                name={`${id}-clock`}
                checked={view.by === by}
                onChange={() => navigate(writeQuery({ client: view.client, by }))}
              />
              <span>{text[by]}</span>
            </label>
          ))}
        </fieldset>
        <div className="field field--grow">
          <label htmlFor={`${id}-moment`}>{text.moment}</label>
          <input
            id={`${id}-moment`}
            type="range"
            min={1}
            max={moments.length}
            value={step}
            aria-valuetext={text.momentValue(step, moments.length, dateTime(shown))}
            onChange={(event) => setStep(Number(event.target.value))}
          />
          <p className="field__hint">
            <time dateTime={shown} data-as-of={shown}>
              {text.momentValue(step, moments.length, dateTime(shown))}
            </time>
          </p>
        </div>
      </div>
      {replay.error !== undefined && <ErrorMessage error={replay.error} onRetry={replay.reload} />}
      {!replay.data && replay.loading && <Loading />}
      {replay.data && (
        <div className="client-grid" aria-busy={replay.loading || undefined}>
          <div>
            <CaseAt replay={replay.data} />
            <TimelineAt timeline={replay.data.timeline} />
          </div>
          <div className="client-side">
            <Partners partners={replay.data.partners ?? []} timeline={replay.data.timeline} />
          </div>
        </div>
      )}
    </>
  );
}

function CaseAt({ replay }: { replay: ReplayView }) {
  const { t } = useI18n();
  const text = t.audit.replay;
  const { state } = replay;
  const rung = state.ladder?.at(-1)?.rung;
  return (
    <section className="panel" aria-labelledby="case-at">
      <h2 id="case-at">{text.state}</h2>
      <dl className="facts">
        <div>
          <dt>{text.status}</dt>
          <dd>{state.status ? text.statuses[state.status] : text.none}</dd>
        </div>
        <div>
          <dt>{text.lead}</dt>
          <dd>{state.lead?.partner ?? text.none}</dd>
        </div>
        <div>
          <dt>{text.ladder}</dt>
          <dd>{rung ?? text.none}</dd>
        </div>
        <div className="facts__wide">
          <dt>{text.involved}</dt>
          <dd>{state.involved?.length ? state.involved.join(', ') : text.none}</dd>
        </div>
      </dl>
    </section>
  );
}

function TimelineAt({ timeline }: { timeline: ReplayTimelineEntry[] }) {
  const { t, dateTime } = useI18n();
  const text = t.audit.replay;
  return (
    <section className="panel" aria-labelledby="timeline-at">
      <h2 id="timeline-at">{text.timeline(timeline.length)}</h2>
      <ol className="replay-timeline">
        {timeline.map((entry) => (
          <li key={entry.position} data-position={entry.position}>
            <span className="cell-code">{entry.partnerId}</span> {entry.summary}
            <span className="cell-detail">
              {text.occurredAt}{' '}
              <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>
              {', '}
              {text.recordedAt}{' '}
              <time dateTime={entry.recordedAt}>{dateTime(entry.recordedAt)}</time>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Partners({
  partners,
  timeline,
}: {
  partners: PartnerSight[];
  timeline: ReplayTimelineEntry[];
}) {
  const { t } = useI18n();
  const text = t.audit.replay;
  const byPosition = new Map(timeline.map((entry) => [entry.position, entry]));
  return (
    <section className="panel" aria-labelledby="partners-at">
      <h2 id="partners-at">{text.partners}</h2>
      <p className="muted">{text.partnersIntro}</p>
      {partners.map((partner) => (
        <section
          key={partner.partnerId}
          className="partner-sight"
          aria-labelledby={`sight-${partner.partnerId}`}
        >
          <h3 id={`sight-${partner.partnerId}`}>
            {partner.partnerId}{' '}
            <span className="muted">
              ({partner.involved ? text.involvedNow : text.notInvolved})
            </span>
          </h3>
          <p>
            {partner.agreement
              ? text.agreement(partner.agreement.version, partner.agreement.legalBasis)
              : text.noAgreement}
          </p>
          <ul>
            {partner.consents.length === 0 && <li>{text.noConsent}</li>}
            {partner.consents.map((consent) => (
              <li key={consent.fromPartner}>
                {text.consent(
                  consent.fromPartner,
                  consent.categories.map((c) => t.audit.categories[c] ?? c).join(', '),
                )}
              </li>
            ))}
          </ul>
          <div className="table-scroll">
            <table className="table table--compact">
              <caption className="visually-hidden">
                {text.partnerCaption(partner.partnerId)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{text.event}</th>
                  <th scope="col">{text.sees}</th>
                  <th scope="col">{text.why}</th>
                </tr>
              </thead>
              <tbody>
                {partner.events.map((sight) => (
                  <tr key={sight.position}>
                    <td>{byPosition.get(sight.position)?.summary ?? sight.position}</td>
                    <td>{text.seesLabels[sight.sees]}</td>
                    <td>
                      {sight.reason && (text.reasons[sight.reason] ?? sight.reason)}
                      {sight.byConsent && text.byConsent}
                      {sight.omitFields && sight.omitFields.length > 0 && (
                        <span className="cell-detail">
                          {text.omitted(sight.omitFields.join(', '))}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
