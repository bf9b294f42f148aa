import type { Position } from '@samenloop/event-store';
import type { CaseStep } from './case-step';
import type { OrmSession } from './orm-session';
import { runWrites, runWritesTogether, type ProjectionWrite } from './projection';
import { checkpointWrite, lockForBatch, standingsOf } from './projection-ledger';
import type { ProjectionMember } from './projection-member';

/** A projection's part of a batch: the steps it has yet to apply. */
export interface BatchShare {
  member: ProjectionMember;
  steps: readonly CaseStep[];
}

type Attempt =
  { committed: ProjectionMember[] } | { failed: ProjectionMember } | { failedTogether: Error };

/**
 * Applies a batch for several projections in one transaction, which also moves each one's
 * checkpoint to `last`. A projection that a rebuild holds, or whose tables no longer stand where
 * its member thinks, sits the batch out. The writes and the checkpoints go in one round trip; if
 * that fails, the batch runs again with each projection's writes on their own, and one whose
 * `prepare` or writes fail is left out and the batch runs again for the others, so one broken
 * projection holds up none. Answers the members whose writes committed; a failure of the session
 * itself is thrown.
 */
export async function commitBatch(
  session: OrmSession,
  shares: readonly BatchShare[],
  last: Position,
  log: (line: string) => void,
): Promise<ProjectionMember[]> {
  let remaining = shares;
  let together = true;
  while (remaining.length > 0) {
    const attempt = await attemptBatch(session, remaining, last, log, together);
    if ('committed' in attempt) return attempt.committed;
    if ('failed' in attempt) {
      remaining = remaining.filter(({ member }) => member !== attempt.failed);
    } else {
      log(`projections: ${attempt.failedTogether.message}; writing each on its own to find whose`);
      together = false;
    }
  }
  return [];
}

async function attemptBatch(
  session: OrmSession,
  shares: readonly BatchShare[],
  last: Position,
  log: (line: string) => void,
  together: boolean,
): Promise<Attempt> {
  await session.query('BEGIN');
  try {
    const admitted = await admit(session, shares, log);
    const failedWith = async (member: ProjectionMember, error: Error): Promise<Attempt> => {
      await session.query('ROLLBACK');
      member.failed(error);
      log(`projection ${member.name}: ${error.message}; retrying`);
      return { failed: member };
    };
    const prepared: { member: ProjectionMember; write: ProjectionWrite }[] = [];
    for (const { member, steps } of admitted) {
      try {
        prepared.push({ member, write: await member.projection.prepare(steps, session.manager) });
      } catch (error) {
        return failedWith(member, error as Error);
      }
    }
    const committed = admitted.map(({ member }) => member);
    const checkpoint = checkpointWrite(
      committed.map(({ projection }) => projection),
      last,
    );
    if (together) {
      try {
        await runWritesTogether(session.manager, [
          ...prepared.flatMap(({ write }) => write),
          ...checkpoint,
        ]);
      } catch (error) {
        await session.query('ROLLBACK');
        return { failedTogether: error as Error };
      }
    } else {
      for (const { member, write } of prepared) {
        try {
          await runWrites(session.manager, write);
        } catch (error) {
          return failedWith(member, error as Error);
        }
      }
      await runWrites(session.manager, checkpoint);
    }
    await session.query('COMMIT');
    for (const member of committed) member.advanced(last);
    return { committed };
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The shares whose projection this transaction now holds, standing where its member thinks. */
async function admit(
  session: OrmSession,
  shares: readonly BatchShare[],
  log: (line: string) => void,
): Promise<BatchShare[]> {
  const locked = await lockForBatch(
    session,
    shares.map(({ member }) => member.projection),
  );
  const held = shares.filter(({ member }) => locked.has(member.name));
  for (const { member } of shares) if (!locked.has(member.name)) member.busy();
  if (held.length === 0) return [];
  const standings = await standingsOf(
    session,
    held.map(({ member }) => member.projection),
  );
  return held.filter(({ member }) => {
    const standing = standings.get(member.name)!;
    if (member.standsAt(standing)) return true;
    log(member.moved(standing));
    return false;
  });
}
