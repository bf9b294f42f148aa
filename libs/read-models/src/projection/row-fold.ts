import { In, type EntityManager, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import type { CaseStep } from './case-step';
import { writeRows } from './rows-writer';

/** Rows a client owns, each remembering the last event that changed it. */
export interface ClientRow {
  clientId: string;
  position: number;
}

/** A projection whose rows change with later events: the caseload, referrals, goals. */
export interface RowFold<R extends ClientRow> {
  entity: EntityTarget<R>;
  /** The primary key's properties. */
  key: readonly (keyof R & string)[];
  /**
   * The rows a step changes, given the client's rows as they stand, keyed by {@link rowKey} of
   * their primary key's values. Pure; every row it returns carries the step's position.
   */
  fold(rows: ReadonlyMap<string, R>, step: CaseStep): R[];
}

export function rowKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

function keyOf<R extends ClientRow>(fold: RowFold<R>, row: R): string {
  return rowKey(fold.key.map((property) => row[property]));
}

/**
 * Loads the rows of the batch's clients once, folds every step in memory and writes each changed
 * row once. A row already at or past a step's position keeps its value, so a step seen twice
 * changes nothing.
 */
export async function applyRowFold<R extends ClientRow>(
  fold: RowFold<R>,
  steps: readonly CaseStep[],
  manager: EntityManager,
): Promise<void> {
  const clientIds = [...new Set(steps.map(({ clientId }) => clientId))];
  const where = { clientId: In(clientIds) } as FindOptionsWhere<R>;
  const rowsOf = new Map<string, Map<string, R>>(clientIds.map((id) => [id, new Map()]));
  for (const row of await manager.find(fold.entity, { where })) {
    rowsOf.get(row.clientId)!.set(keyOf(fold, row), row);
  }
  const changed = new Map<string, R>();
  for (const step of steps) {
    const rows = rowsOf.get(step.clientId)!;
    for (const row of fold.fold(rows, step)) {
      const key = keyOf(fold, row);
      if ((rows.get(key)?.position ?? -1) >= step.position) continue;
      rows.set(key, row);
      changed.set(`${row.clientId}\n${key}`, row);
    }
  }
  if (changed.size === 0) return;
  await writeRows(manager, fold.entity, [...changed.values()], 'update');
}

/**
 * Inserts rows keyed by the event's position, skipping those already there: the timeline and
 * the histories only ever grow, and a step seen twice lands on its own row again.
 */
export async function insertOnce<R extends { position: number }>(
  manager: EntityManager,
  entity: EntityTarget<R>,
  rows: readonly R[],
): Promise<void> {
  const unique = [...new Map(rows.map((row) => [row.position, row])).values()];
  await writeRows(manager, entity, unique, 'ignore');
}
