import { useId, useMemo, useState } from 'react';
import type { CSSProperties } from 'react';
import { getClient, getTimeline } from '../api/api.client';
import type { ClientDetail, TimelineEntry } from '../api/contract';
import { Link } from '../app/router';
import { useResource } from '../app/use-resource.hook';
import { ErrorMessage, Loading, PageHeading } from '../components/feedback';
import { CategoryIcon, LockIcon } from '../components/icons';
import { LadderChart } from '../components/ladder.chart';
import { partnerColours } from '../components/partner.colours';
import { SignalBadge } from '../components/signal.badge';
import { useI18n } from '../i18n/i18n.context';
import { caseloadPath } from './caseload.page';

type Partner = { id: string; name: string; kind: string };

/** ZRM 2017 order; other instruments' areas follow in the order the hub sent them. */
const LIFE_AREA_ORDER = [
  'finances',
  'work-education',
  'time-use',
  'housing',
  'domestic-relations',
  'mental-health',
  'physical-health',
  'substance-use',
  'basic-adl',
  'instrumental-adl',
  'social-network',
  'social-participation',
  'justice',
];

export function ClientPage({ reference }: { reference: string }) {
  const { t, lang } = useI18n();
  const detail = useResource(`${reference}|${lang}`, (signal) =>
    getClient(reference, lang, signal),
  );
  const timeline = useResource(`${reference}|${lang}`, (signal) =>
    getTimeline(reference, lang, signal),
  );
  const client = detail.data;
  const title = client
    ? typeof client.displayName === 'string'
      ? client.displayName
      : `${t.client.titleFallback} ${client.reference}`
    : reference;

  // Every partner on the page, for colours and names: those involved and those in the timeline.
  const partners = useMemo(() => {
    const all = new Map<string, Partner>();
    for (const partner of client?.involvedPartners ?? []) all.set(partner.id, partner);
    for (const entry of timeline.data?.entries ?? []) {
      if (!all.has(entry.partner.id)) all.set(entry.partner.id, entry.partner);
    }
    return all;
  }, [client, timeline.data]);
  const colours = useMemo(() => partnerColours([...partners.values()]), [partners]);
  const partnerName = (id: string) => partners.get(id)?.name ?? id;

  return (
    <>
      <p className="back-link">
        <Link to={caseloadPath()}>← {t.app.backToCaseload}</Link>
      </p>
      <PageHeading title={title} />
      {detail.error !== undefined && <ErrorMessage error={detail.error} onRetry={detail.reload} />}
      {!client && detail.loading && <Loading />}
      {client && (
        <>
          <ClientFacts client={client} colours={colours} />
          {client.signals.length > 0 && (
            <section className="panel panel--attention" aria-labelledby="signals-title">
              <h2 id="signals-title">{t.client.signals}</h2>
              <ul className="signal-list">
                {client.signals.map((signal) => (
                  <li key={signal.rule}>
                    <SignalBadge rule={signal.rule} />
                    <span>{signal.summary}</span>
                    <SinceDate iso={signal.since} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="client-grid">
            <section className="panel timeline-panel" aria-labelledby="timeline-title">
              <h2 id="timeline-title">{t.client.timeline}</h2>
              {timeline.error !== undefined && (
                <ErrorMessage error={timeline.error} onRetry={timeline.reload} />
              )}
              {!timeline.data && timeline.loading && <Loading />}
              {timeline.data && <Timeline entries={timeline.data.entries} colours={colours} />}
            </section>
            <div className="client-side">
              <section className="panel" aria-labelledby="ladder-title">
                <h2 id="ladder-title">{t.client.ladder}</h2>
                <LadderChart ladder={client.ladder} colours={colours} partnerName={partnerName} />
              </section>
              <Referrals client={client} partnerName={partnerName} />
              <Goals client={client} />
              <LifeAreas client={client} />
            </div>
          </div>
        </>
      )}
    </>
  );
}

function SinceDate({ iso }: { iso: string }) {
  const { t, date } = useI18n();
  return (
    <time className="muted" dateTime={iso}>
      {t.client.since(date(iso))}
    </time>
  );
}

function PartnerChip({ partner, colour }: { partner: Partner; colour?: string }) {
  return (
    <span className="partner-chip">
      <span className="swatch" style={{ background: colour }} aria-hidden="true" />
      {partner.name}
    </span>
  );
}

function ClientFacts({ client, colours }: { client: ClientDetail; colours: Map<string, string> }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <div>
        <dt>{t.client.reference}</dt>
        <dd>
          <code>{client.reference}</code>
          {typeof client.displayName !== 'string' && (
            <span className="restricted-text">
              <LockIcon />
              {t.client.restricted}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>{t.client.status}</dt>
        <dd>
          <span className={`status status--${client.status}`}>{t.status[client.status]}</span>
        </dd>
      </div>
      <div>
        <dt>{t.client.municipality}</dt>
        <dd>{client.municipality}</dd>
      </div>
      <div>
        <dt>{t.client.lead}</dt>
        <dd>
          {client.lead ? (
            <>
              {client.lead.partnerName} <span className="muted">({client.lead.actor})</span>
            </>
          ) : (
            <span className="muted">{t.client.noLead}</span>
          )}
        </dd>
      </div>
      <div className="facts__wide">
        <dt>{t.client.partners}</dt>
        <dd>
          <ul className="chip-list">
            {client.involvedPartners.map((partner) => (
              <li key={partner.id}>
                <PartnerChip partner={partner} colour={colours.get(partner.id)} />
              </li>
            ))}
          </ul>
        </dd>
      </div>
    </dl>
  );
}

function Timeline({
  entries,
  colours,
}: {
  entries: TimelineEntry[];
  colours: Map<string, string>;
}) {
  const { t } = useI18n();
  const [newestFirst, setNewestFirst] = useState(false);
  if (entries.length === 0) return <p className="muted">{t.client.timelineEmpty}</p>;
  const ordered = newestFirst ? [...entries].reverse() : entries;
  return (
    <>
      <div className="timeline-bar">
        <p className="muted">
          {t.client.timelineIntro} {t.client.timelineCount(entries.length)}.
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-pressed={newestFirst}
          onClick={() => setNewestFirst((value) => !value)}
        >
          {t.client.newestFirst}
        </button>
      </div>
      <ol className="timeline" reversed={newestFirst}>
        {ordered.map((entry) => (
          <TimelineItem key={entry.position} entry={entry} colour={colours.get(entry.partner.id)} />
        ))}
      </ol>
    </>
  );
}

function TimelineItem({ entry, colour }: { entry: TimelineEntry; colour?: string }) {
  const { t, dateTime } = useI18n();
  const style = { '--partner-colour': colour ?? '#4a5662' } as CSSProperties;
  return (
    <li
      className={`timeline__entry${entry.restricted ? ' timeline__entry--restricted' : ''}`}
      style={style}
    >
      <span className="timeline__marker" aria-hidden="true">
        {entry.restricted ? <LockIcon /> : <CategoryIcon category={entry.category} />}
      </span>
      <div className="timeline__body">
        <p className="timeline__meta">
          <time dateTime={entry.occurredAt}>{dateTime(entry.occurredAt)}</time>
          <span className="timeline__partner">{entry.partner.name}</span>
          {!entry.restricted && (
            <span className="timeline__category">{t.categories[entry.category]}</span>
          )}
        </p>
        {entry.restricted ? (
          <p className="timeline__summary restricted-text" title={t.client.restrictedHint}>
            {t.client.restricted}
          </p>
        ) : (
          <p className="timeline__summary">
            {entry.summary}
            {entry.actor && <span className="muted"> · {t.client.by(entry.actor)}</span>}
          </p>
        )}
      </div>
    </li>
  );
}

function Referrals({
  client,
  partnerName,
}: {
  client: ClientDetail;
  partnerName: (id: string) => string;
}) {
  const { t, date } = useI18n();
  const open = client.referrals.filter((r) => r.status === 'made' || r.status === 'accepted');
  const closed = client.referrals.filter((r) => !open.includes(r));
  const table = (rows: ClientDetail['referrals']) => (
    <div className="table-scroll">
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t.client.referralColumns.service}</th>
            <th scope="col">
              {t.client.referralColumns.from} <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t.client.referralColumns.to.toLowerCase()}</span>
            </th>
            <th scope="col">{t.client.referralColumns.status}</th>
            <th scope="col">{t.client.referralColumns.age}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((referral) => (
            <tr key={referral.referralId}>
              <th scope="row">{t.services[referral.service] ?? referral.service}</th>
              <td>
                <span className="referral-route">
                  <span>{partnerName(referral.fromPartnerId)}</span>
                  <span className="referral-route__to">
                    <span aria-hidden="true">→ </span>
                    <span className="visually-hidden">{t.client.referralColumns.to}: </span>
                    {referral.toPartnerId ? (
                      partnerName(referral.toPartnerId)
                    ) : (
                      <span className="muted">{t.client.unaddressed}</span>
                    )}
                  </span>
                </span>
              </td>
              <td>
                <span className={`status status--referral-${referral.status}`}>
                  {t.referralStatus[referral.status]}
                </span>
              </td>
              <td className="cell-nowrap">
                <time dateTime={referral.madeAt} title={date(referral.madeAt)}>
                  {t.client.ageDays(referral.ageDays)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="panel" aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t.client.referrals}</h2>
      {open.length === 0 ? <p className="muted">{t.client.referralsEmpty}</p> : table(open)}
      {closed.length > 0 && (
        <details className="disclosure">
          <summary>{t.client.closedReferrals(closed.length)}</summary>
          {table(closed)}
        </details>
      )}
    </section>
  );
}

function Goals({ client }: { client: ClientDetail }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="goals-title">
      <h2 id="goals-title">{t.client.goals}</h2>
      {client.goals.length === 0 ? (
        <p className="muted">{t.client.goalsEmpty}</p>
      ) : (
        <ul className="goal-list">
          {client.goals.map((goal) => (
            <li key={goal.goalId}>
              <span className={`status status--goal-${goal.status}`}>
                {t.goalStatus[goal.status]}
              </span>
              <span className="goal-list__area">{t.lifeAreas[goal.lifeArea] ?? goal.lifeArea}</span>
              {typeof goal.description === 'string' ? (
                <span>{goal.description}</span>
              ) : (
                <span className="restricted-text">
                  <LockIcon />
                  {t.client.restricted}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LifeAreas({ client }: { client: ClientDetail }) {
  const { t, date } = useI18n();
  const captionId = useId();
  const assessment = client.lifeAreas;
  const areas = assessment
    ? Object.entries(assessment.scores).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    : [];
  return (
    <section className="panel" aria-labelledby="life-areas-title">
      <h2 id="life-areas-title">{t.client.lifeAreas}</h2>
      {!assessment ? (
        <p className="muted">{t.client.lifeAreasEmpty}</p>
      ) : (
        <table className="table table--compact life-areas">
          <caption id={captionId} className="table__caption">
            {t.client.lifeAreasMeasured(assessment.instrument, date(assessment.at))}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.client.lifeAreaColumns.area}</th>
              <th scope="col">{t.client.lifeAreaColumns.score}</th>
            </tr>
          </thead>
          <tbody>
            {areas.map(([area, score]) => (
              <tr key={area}>
                <th scope="row">{t.lifeAreas[area] ?? area}</th>
                <td>
                  <span className="score">
                    <span className={`score__meter score__meter--${score}`} aria-hidden="true">
                      {[1, 2, 3, 4, 5].map((step) => (
                        <span key={step} className={step <= score ? 'filled' : undefined} />
                      ))}
                    </span>
                    <span>
                      <strong>{score}</strong> {t.zrmScores[score] ?? ''}
                    </span>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function rank(area: string): number {
  const index = LIFE_AREA_ORDER.indexOf(area);
  return index === -1 ? LIFE_AREA_ORDER.length : index;
}
