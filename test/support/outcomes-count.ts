import { ZRM_2017_LIFE_AREAS } from '@samenloop/domain';
import { startEmbeddedPostgres } from '@samenloop/platform';
import { Client } from 'pg';

/** One client-case event as the event store keeps it. */
export interface LoggedEvent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  partnerId: string;
  occurredAt: Date;
}

export interface EventLog {
  /** Per stream, in revision order. */
  streams: Map<string, LoggedEvent[]>;
  /** Partner id -> kind, as registered. */
  partnerKinds: Map<string, string>;
}

/**
 * The client streams straight from the `events` table of the embedded PostgreSQL a running hub
 * serves under `dataDir`: the source of truth, read without the hub's projections or queries.
 */
export async function readEventLog(dataDir: string): Promise<EventLog> {
  const postgres = await startEmbeddedPostgres({ dataDir, attach: true });
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const events = await client.query<{
      position: string;
      stream_id: string;
      revision: string;
      type: string;
      data: Record<string, unknown>;
      metadata: { partnerId: string; occurredAt: string };
    }>(
      `SELECT position, stream_id, revision, type, data, metadata FROM events
        WHERE stream_id LIKE 'client-%' ORDER BY stream_id, revision`,
    );
    const partners = await client.query<{ id: string; kind: string }>(
      'SELECT id, kind FROM partners',
    );
    const streams = new Map<string, LoggedEvent[]>();
    for (const row of events.rows) {
      const list = streams.get(row.stream_id) ?? [];
      list.push({
        position: Number(row.position),
        stream: row.stream_id,
        revision: Number(row.revision),
        type: row.type,
        data: row.data,
        partnerId: row.metadata.partnerId,
        occurredAt: new Date(row.metadata.occurredAt),
      });
      streams.set(row.stream_id, list);
    }
    return { streams, partnerKinds: new Map(partners.rows.map(({ id, kind }) => [id, kind])) };
  } finally {
    await client.end();
  }
}

/** Whose figures, of which municipality, for clients enrolled from `from` to `to` (UTC days). */
export interface OutcomesScope {
  viewerPartner: string;
  municipality?: string;
  from?: string;
  to?: string;
}

export interface CountedOutcomes {
  clients: number;
  ladderRise: { rose: number; clients: number };
  goalReached: { reached: number; clients: number };
  medianAttemptsBeforeFirstAppointment: number | null;
  medianVisitsBeforeFirstFullAssessment: number | null;
  /** Clients per current rung, rungs 1 to 6. */
  currentRungs: number[];
}

/** Professional secrecy binds these kinds (domain.md: GGZ and GPs). */
const BOUND_KINDS = ['mental-health', 'gp'];
const DAY_MS = 86_400_000;

interface Fact {
  at: Date;
  position: number;
}

interface ClientFacts {
  municipality: string;
  enrolledAt: Date;
  involved: Set<string>;
  ladder: (Fact & { rung: number })[];
  goals: Map<string, { set: Fact; achieved?: Fact }>;
  attempts: (Fact & { appointment: boolean })[];
  visits: Fact[];
  completeAssessments: Fact[];
}

const chronological = (a: Fact, b: Fact) =>
  a.at.getTime() - b.at.getTime() || a.position - b.position;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length / 2;
  return Number.isInteger(half) ? (sorted[half - 1]! + sorted[half]!) / 2 : sorted[half - 0.5]!;
}

/**
 * Folds one client's stream into the facts its outcome figures need, as `viewerPartner` may count
 * them. The visibility rule, written out here on purpose rather than taken from the hub: an
 * assessment fact (ladder measurement, goal, life-area assessment) published by a partner under
 * professional secrecy, or by one whose kind is unknown, counts for the viewer only when the viewer
 * published it or the publisher had the client's consent for `assessment` towards the viewer just
 * before that event; everything else counts for every involved partner.
 */
function factsOf(
  events: readonly LoggedEvent[],
  viewerPartner: string,
  kinds: ReadonlyMap<string, string>,
): ClientFacts | undefined {
  const [enrolment, ...rest] = events;
  if (enrolment?.type !== 'nl.samenloop.client-enrolled.v1') return undefined;
  const consents = new Map<string, Set<string>>();
  const visible = ({ partnerId }: LoggedEvent) => {
    const kind = kinds.get(partnerId);
    if (kind !== undefined && !BOUND_KINDS.includes(kind)) return true;
    return (
      partnerId === viewerPartner ||
      (consents.get(`${partnerId}>${viewerPartner}`)?.has('assessment') ?? false)
    );
  };
  const fact = (event: LoggedEvent): Fact => ({ at: event.occurredAt, position: event.position });
  const client: ClientFacts = {
    municipality: String(enrolment.data.municipality),
    enrolledAt: enrolment.occurredAt,
    involved: new Set([enrolment.partnerId]),
    ladder: [],
    goals: new Map(),
    attempts: [],
    visits: [],
    completeAssessments: [],
  };
  if (typeof enrolment.data.startRung === 'number' && visible(enrolment)) {
    client.ladder.push({ ...fact(enrolment), rung: enrolment.data.startRung });
  }
  for (const event of rest) {
    const { data } = event;
    switch (event.type.replace(/^nl\.samenloop\.(.+)\.v1$/, '$1')) {
      case 'involvement-signalled':
      case 'referral-accepted':
        client.involved.add(event.partnerId);
        break;
      case 'involvement-ended':
        client.involved.delete(event.partnerId);
        break;
      case 'case-lead-assigned':
        client.involved.add(String(data.leadPartner));
        break;
      case 'consent-granted':
      case 'consent-withdrawn': {
        const key = `${event.partnerId}>${String(data.toPartner)}`;
        const given = consents.get(key) ?? new Set<string>();
        for (const category of data.categories as string[]) {
          if (event.type.includes('granted')) given.add(category);
          else given.delete(category);
        }
        consents.set(key, given);
        break;
      }
      case 'ladder-step-reached':
        if (visible(event)) client.ladder.push({ ...fact(event), rung: Number(data.rung) });
        break;
      case 'goal-set':
        if (visible(event)) client.goals.set(String(data.goalId), { set: fact(event) });
        break;
      case 'goal-achieved': {
        const goal = client.goals.get(String(data.goalId));
        if (goal && visible(event)) goal.achieved = fact(event);
        break;
      }
      case 'contact-attempted':
        client.attempts.push({ ...fact(event), appointment: data.outcome === 'appointment-made' });
        break;
      case 'visit-held':
        client.visits.push(fact(event));
        break;
      case 'life-areas-assessed': {
        // Complete: every life area of ZRM 2017, the hub's default set, has a score.
        const scores = data.scores as Record<string, unknown>;
        if (visible(event) && ZRM_2017_LIFE_AREAS.every((area) => scores[area] !== undefined)) {
          client.completeAssessments.push(fact(event));
        }
        break;
      }
    }
  }
  return client;
}

/**
 * The outcome measures of issue 5, counted from the event log alone: of the clients the viewer's
 * partner is involved with, enrolled in the municipality within the period, with their facts up
 * to the period's last day.
 */
export function countOutcomes(log: EventLog, scope: OutcomesScope): CountedOutcomes {
  const start = scope.from ? Date.parse(`${scope.from}T00:00:00Z`) : -Infinity;
  const end = scope.to ? Date.parse(`${scope.to}T00:00:00Z`) + DAY_MS : Infinity;
  const before = <F extends Fact>(facts: F[]) =>
    facts.filter(({ at }) => at.getTime() < end).sort(chronological);

  const cohort = [...log.streams.values()]
    .map((events) => factsOf(events, scope.viewerPartner, log.partnerKinds))
    .filter((client): client is ClientFacts => client !== undefined)
    .filter(
      (client) =>
        client.involved.has(scope.viewerPartner) &&
        (scope.municipality === undefined || client.municipality === scope.municipality) &&
        client.enrolledAt.getTime() >= start &&
        client.enrolledAt.getTime() < end,
    );

  const ladders = cohort.map((client) => before(client.ladder));
  const measured = ladders.filter((ladder) => ladder.length >= 2);
  const goals = cohort.map((client) =>
    [...client.goals.values()].filter(({ set }) => set.at.getTime() < end),
  );
  const withGoal = goals.filter((list) => list.length > 0);
  const attempts = cohort.flatMap((client) => {
    const until = before(client.attempts).findIndex(({ appointment }) => appointment);
    return until < 0 ? [] : [until + 1];
  });
  const visits = cohort.flatMap((client) => {
    const [assessed] = before(client.completeAssessments);
    if (!assessed) return [];
    return [client.visits.filter(({ at }) => at.getTime() <= assessed.at.getTime()).length];
  });
  return {
    clients: cohort.length,
    ladderRise: {
      rose: measured.filter((ladder) => ladder.at(-1)!.rung > ladder[0]!.rung).length,
      clients: measured.length,
    },
    goalReached: {
      reached: withGoal.filter((list) =>
        list.some(({ achieved }) => achieved !== undefined && achieved.at.getTime() < end),
      ).length,
      clients: withGoal.length,
    },
    medianAttemptsBeforeFirstAppointment: median(attempts),
    medianVisitsBeforeFirstFullAssessment: median(visits),
    currentRungs: [1, 2, 3, 4, 5, 6].map(
      (rung) => ladders.filter((ladder) => ladder.at(-1)?.rung === rung).length,
    ),
  };
}
