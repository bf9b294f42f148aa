import type { EventStore } from '@samenloop/event-store';
import { CaseHistory } from './case-history';
import type { OrmSession } from './orm.session';
import type { PartnerKinds } from './partner-kinds';
import type { Projection } from './projection';
import {
  holdingProjection,
  inTransaction,
  resetProjection,
  saveCheckpoint,
} from './projection.ledger';

export interface RebuildProgress {
  projection: string;
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
 * Rebuilds a projection from position 0 into its live tables, safely while a hub runs: it holds
 * the projection's lock throughout, so the live consumer's next batch waits, then finds the
 * checkpoint moved and resumes after the rebuild. Each page commits with its checkpoint, so an
 * interrupted rebuild leaves consistent tables that the live consumer simply continues.
 */
export async function rebuildProjection(
  projection: Projection,
  { store, sessions, partners, pageSize = 500, onProgress }: RebuildOptions,
): Promise<RebuildProgress> {
  return holdingProjection(sessions, projection, async (session) => {
    const end = await logEndEstimate(session);
    await inTransaction(session, () => resetProjection(session, projection));
    const history = new CaseHistory(store, partners);
    const progress: RebuildProgress = { projection: projection.name, events: 0, position: 0, end };
    onProgress?.({ ...progress });
    for (;;) {
      const page = await store.readAll({
        from: progress.events === 0 ? 'start' : progress.position,
        limit: pageSize,
      });
      if (page.length === 0) return progress;
      const last = page[page.length - 1]!.position;
      await inTransaction(session, async () => {
        await projection.apply(await history.stepsOf(page), session.manager);
        await saveCheckpoint(session, [projection], last);
      });
      progress.events += page.length;
      progress.position = last;
      progress.end = Math.max(progress.end, last);
      onProgress?.({ ...progress });
    }
  });
}

/** The furthest checkpoint of any consumer: a free estimate of where the log ends. */
async function logEndEstimate(session: OrmSession): Promise<number> {
  const { rows } = await session.query<{ end: string | null }>(
    'SELECT max(position) AS end FROM consumer_checkpoints',
  );
  return Number(rows[0]?.end ?? 0);
}
