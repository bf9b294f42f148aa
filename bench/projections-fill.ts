/**
 * Writes the bench log: the pilot of `clients` clients grown to about `events` events, appended
 * with the store's `appendMany`, and each partner's references bound as the intake binds them.
 * Clients are active in groups, their events interleaved in the log as a hub receiving many
 * partners at once would store them, rather than one client's whole history after the other's.
 */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { EventStore, StreamAppend } from '@samenloop/event-store';
import { PilotPlan } from '@samenloop/operator';
import { clientLog, type ClientLog } from './projections-pilot-log';

export interface FillSpec {
  clients: number;
  /** The log's size to aim for; the pilot alone gives about 22 events per client. */
  events: number;
  seed: number;
}

export interface FilledLog {
  events: number;
  clients: number;
  /** Planned events the decider refused (none is expected: the pilot plans valid stories). */
  refused: number;
  elapsedMs: number;
  /** The partner's own client references, for the dashboard's requests. */
  referencesOf(partnerId: string): string[];
}

/**
 * The bench log written, logged and settled: vacuumed and analysed, and checkpointed so that the
 * writes' flush does not fall in what is measured next.
 */
export async function writeBenchLog(
  store: Pick<EventStore, 'appendMany'>,
  pool: Pool,
  spec: FillSpec,
  log: (line: string) => void,
): Promise<FilledLog> {
  log(
    `writing ${spec.clients.toLocaleString('en-US')} clients' pilot, about ${spec.events.toLocaleString('en-US')} events`,
  );
  const filled = await fillPilotLog(store, pool, spec, log);
  log(
    `log of ${filled.events.toLocaleString('en-US')} events written in ${(filled.elapsedMs / 1000).toFixed(1)} s`,
  );
  await pool.query('VACUUM (ANALYZE) events');
  await pool.query('CHECKPOINT').catch(() => undefined);
  return filled;
}

/** Clients whose events are interleaved in the log. */
const ACTIVE_CLIENTS = 500;
/** Each active client's next events go in one `appendMany` call, this many of them. */
const EVENTS_PER_STREAM_PER_CALL = 10;

export async function fillPilotLog(
  store: Pick<EventStore, 'appendMany'>,
  pool: Pool,
  spec: FillSpec,
  log: (line: string) => void,
): Promise<FilledLog> {
  const started = performance.now();
  const now = new Date();
  const plan = new PilotPlan({ clients: spec.clients, seed: spec.seed, runId: 'bench', now });
  const followUps = followUpShares(plan, spec.events);
  const references = new Map<string, string[]>();
  let events = 0;
  let refused = 0;
  let group: ClientLog[] = [];
  const flush = async () => {
    await appendInterleaved(store, group);
    await bindReferences(pool, group);
    for (const client of group) {
      events += client.events.length;
      refused += client.refused;
      for (const { partnerId, reference } of client.references) {
        const own = references.get(partnerId) ?? [];
        own.push(reference);
        references.set(partnerId, own);
      }
    }
    group = [];
  };
  for (const client of plan.clients()) {
    group.push(clientLog(client, followUps(), now));
    if (group.length === ACTIVE_CLIENTS) {
      await flush();
      if ((client.index + 1) % (ACTIVE_CLIENTS * 4) === 0) {
        log(`${client.index + 1} clients, ${events.toLocaleString('en-US')} events`);
      }
    }
  }
  await flush();
  return {
    events,
    clients: spec.clients,
    refused,
    elapsedMs: performance.now() - started,
    referencesOf: (partnerId) => references.get(partnerId) ?? [],
  };
}

/**
 * How many follow-ups each client gets so that the log reaches `target`: the events the pilot
 * leaves short, shared among the clients. Plans the pilot once to count it (a plan is seeded per
 * client, so planning again gives the same pilot).
 */
function followUpShares(plan: PilotPlan, target: number): () => number {
  let planned = 0;
  for (const client of plan.clients()) planned += client.events.length;
  const missing = Math.max(0, target - planned);
  const each = Math.floor(missing / plan.options.clients);
  let extra = missing - each * plan.options.clients;
  return () => {
    if (extra === 0) return each;
    extra -= 1;
    return each + 1;
  };
}

async function appendInterleaved(
  store: Pick<EventStore, 'appendMany'>,
  clients: readonly ClientLog[],
): Promise<void> {
  for (let from = 0; ; from += EVENTS_PER_STREAM_PER_CALL) {
    const appends: StreamAppend[] = clients
      .map((client) => ({
        stream: client.stream,
        events: client.events.slice(from, from + EVENTS_PER_STREAM_PER_CALL),
      }))
      .filter(({ events }) => events.length > 0);
    if (appends.length === 0) return;
    const outcomes = await store.appendMany(appends);
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok) throw failed.error;
  }
}

async function bindReferences(pool: Pool, clients: readonly ClientLog[]): Promise<void> {
  const rows = clients.flatMap(({ clientId, references }) =>
    references.map(({ partnerId, reference }) => [partnerId, reference, clientId]),
  );
  if (rows.length === 0) return;
  await pool.query(
    `INSERT INTO client_references (partner_id, reference, client_id, origin)
     SELECT partner_id, reference, client_id, 'own'
     FROM unnest($1::text[], $2::text[], $3::uuid[]) AS r (partner_id, reference, client_id)
     ON CONFLICT DO NOTHING`,
    [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
  );
}
