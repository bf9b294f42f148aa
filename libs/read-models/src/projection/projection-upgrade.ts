import type { OrmSession } from './orm-session';
import type { Projection } from './projection';
import { holdingProjection, inTransaction, resetProjection, standingOf } from './projection-ledger';

/**
 * Empties the tables of an older version, so that the worker builds them again from position 0;
 * refuses tables of a newer one. Waits for a batch or rebuild in flight.
 */
export async function upgradeTables(
  projection: Projection,
  sessions: () => Promise<OrmSession>,
  log: (line: string) => void,
): Promise<void> {
  await holdingProjection(sessions, projection, async (session) => {
    const { version } = await standingOf(session, projection);
    if (version !== null && version > projection.version) {
      throw new Error(
        `projection ${projection.name} was built by version ${version}; this process runs version ${projection.version}`,
      );
    }
    if (version === projection.version) return;
    log(
      `projection ${projection.name}: version ${version ?? 'none'} -> ${projection.version}, rebuilding from position 0`,
    );
    await inTransaction(session, () => resetProjection(session, projection));
  });
}
