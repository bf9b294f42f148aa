import { In, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import type { CaseStep } from './case-step';
import type { ProjectionWrite } from './projection';
import { rowsWrite } from './rows-write';

/** Rows a client owns, each remembering the last event that changed it. */
export interface ClientRow {
  clientId: string;
  position: number;
}

/**
 * A projection whose rows change with later events: the caseload, referrals, goals. It folds a
 * row's facts (`F`) step by step, and completes each row it writes (`R`) once.
 */
export interface RowFold<R extends F, F extends ClientRow = R> {
  entity: EntityTarget<R>;
  /** The primary key's properties. */
  key: readonly (keyof F & string)[];
  /**
   * The rows a step changes, given the client's rows as they stand, keyed by {@link rowKey} of
   * their primary key's values. Pure; every row it returns carries the step's position.
   */
  fold(rows: ReadonlyMap<string, F>, step: CaseStep): F[];
  /**
   * The row as written: with the columns derived from its facts alone, which no later step reads,
   * so they are derived once per row written rather than after every step.
   */
  complete(row: F): R;
}

/** {@link RowFold.complete} of a fold whose rows have nothing to derive. */
export const asFolded = <R>(row: R): R => row;

export function rowKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

function keyOf<F extends ClientRow>(key: readonly (keyof F & string)[], row: F): string {
  return rowKey(key.map((property) => row[property]));
}

/**
 * Loads the rows of the batch's clients once and folds every step in memory; the write then
 * writes each changed row once. A row already at or past a step's position keeps its value, so a
 * step seen twice changes nothing.
 */
export async function prepareRowFold<R extends F, F extends ClientRow>(
  fold: RowFold<R, F>,
  steps: readonly CaseStep[],
  manager: EntityManager,
): Promise<ProjectionWrite> {
  const clientIds = [...new Set(steps.map(({ clientId }) => clientId))];
  const where = { clientId: In(clientIds) } as FindOptionsWhere<R>;
  const rowsOf = new Map<string, Map<string, F>>(clientIds.map((id) => [id, new Map()]));
  for (const row of await manager.find(fold.entity, { where })) {
    rowsOf.get(row.clientId)!.set(keyOf(fold.key, row), row);
  }
  const changed = new Map<string, F>();
  for (const step of steps) {
    const rows = rowsOf.get(step.clientId)!;
    for (const row of fold.fold(rows, step)) {
      const key = keyOf(fold.key, row);
      if ((rows.get(key)?.position ?? -1) >= step.position) continue;
      rows.set(key, row);
      changed.set(`${row.clientId}\n${key}`, row);
    }
  }
  const written = [...changed.values()].map(fold.complete);
  return rowsWrite(manager, fold.entity, written, 'update');
}

/**
 * Inserts rows keyed by the event's position, skipping those already there: the timeline and
 * the histories only ever grow, and a step seen twice lands on its own row again.
 */
export function insertOnce<R extends { position: number }>(
  manager: EntityManager,
  entity: EntityTarget<R>,
  rows: readonly R[],
): ProjectionWrite {
  const unique = [...new Map(rows.map((row) => [row.position, row])).values()];
  return rowsWrite(manager, entity, unique, 'ignore');
}
