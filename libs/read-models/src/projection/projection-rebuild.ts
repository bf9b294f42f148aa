import type { EventStore } from '@samenloop/event-store';
import { CaseHistory } from './case-history';
import type { CaseStep } from './case-step';
import type { OrmSession } from './orm-session';
import type { PartnerKinds } from './partner-kinds';
import { applyProjections, type Projection } from './projection';
import {
  checkpointWrite,
  holdingProjections,
  inTransaction,
  resetProjection,
  tableOf,
} from './projection-ledger';

export interface RebuildProgress {
  /** The projections rebuilt together. */
  projections: string[];
  /** Events read so far. */
  events: number;
  /** The global position reached. */
  position: number;
  /** Where the log ended when the rebuild started, as far as any consumer knew; 0 if unknown. */
  end: number;
}

export interface RebuildOptions {
  store: Pick<EventStore, 'readAll' | 'readStream' | 'readStreams'>;
  sessions: () => Promise<OrmSession>;
  partners: PartnerKinds;
  pageSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Rebuilds projections from position 0 into their live tables, in one read of the log that feeds
 * them all, safely while a hub runs: it holds the projections' locks throughout, so the live
 * consumer leaves them alone meanwhile, then finds their checkpoints moved and resumes after the
 * rebuild. Each page commits with the checkpoints, so an interrupted rebuild leaves consistent
 * tables that the live consumer simply continues.
 */
export async function rebuildProjections(
  projections: readonly Projection[],
  { store, sessions, partners, pageSize = 2_000, onProgress }: RebuildOptions,
): Promise<RebuildProgress> {
  return holdingProjections(sessions, projections, async (session) => {
    const end = await logEndEstimate(session);
    await inTransaction(session, async () => {
      for (const projection of projections) await resetProjection(session, projection);
    });
    const history = new CaseHistory(store, partners);
    const progress: RebuildProgress = {
      projections: projections.map(({ name }) => name),
      events: 0,
      position: 0,
      end,
    };
    onProgress?.({ ...progress });
    const read = (from: number | 'start') => prefetched(store.readAll({ from, limit: pageSize }));
    const write = async (steps: CaseStep[], last: number, events: number) => {
      await inTransaction(session, async () => {
        await applyProjections(
          projections,
          steps,
          session.manager,
          checkpointWrite(projections, last),
        );
      });
      progress.events += events;
      progress.position = last;
      progress.end = Math.max(progress.end, last);
      onProgress?.({ ...progress });
    };
    // The next page is read on the store's pool and turned into steps while this one is written
    // on the session, so that PostgreSQL and this process work side by side instead of in turn.
    let next = read('start');
    let written = prefetched(Promise.resolve());
    try {
      for (;;) {
        const page = await next();
        if (page.length === 0) break;
        const last = page[page.length - 1]!.position;
        next = read(last);
        const steps = await history.stepsOf(page);
        await written();
        written = prefetched(write(steps, last, page.length));
      }
    } finally {
      // However the loop ends, the write in flight ends first: the locks are released after it.
      await written().catch(() => undefined);
    }
    await written();
    await analyseTables(session, projections);
    return progress;
  });
}

/**
 * A read started now and awaited later: a failure while nobody awaits it yet is kept for the
 * await instead of surfacing as an unhandled rejection.
 */
function prefetched<T>(reading: Promise<T>): () => Promise<T> {
  reading.catch(() => undefined);
  return () => reading;
}

/** {@link rebuildProjections} for one. */
export function rebuildProjection(
  projection: Projection,
  options: RebuildOptions,
): Promise<RebuildProgress> {
  return rebuildProjections([projection], options);
}

/**
 * Refreshes the planner's statistics of the rebuilt tables: emptied and filled anew, they would
 * otherwise be planned as they were before (or as empty) until autovacuum came round.
 */
async function analyseTables(session: OrmSession, projections: readonly Projection[]) {
  const tables = projections.flatMap(({ entities }) =>
    entities.map((entity) => tableOf(session, entity)),
  );
  if (tables.length > 0) await session.query(`ANALYZE ${tables.join(', ')}`);
}

/** The furthest checkpoint of any consumer: a free estimate of where the log ends. */
async function logEndEstimate(session: OrmSession): Promise<number> {
  const { rows } = await session.query<{ end: string | null }>(
    'SELECT max(position) AS end FROM consumer_checkpoints',
  );
  return Number(rows[0]?.end ?? 0);
}
