import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { WriteStatement } from './write-statement';

/** What a row whose primary key is already there does: stays, or takes the new values. */
export type OnConflict = 'ignore' | 'update';

const statements = new WeakMap<EntityMetadata, Map<OnConflict, string>>();

/**
 * The statement that writes rows of an entity with one parameter, the rows as a JSON array that
 * PostgreSQL unpacks (`jsonb_to_recordset`); none for no rows. TypeORM's own multi-row insert
 * binds each value as a parameter and escapes each by scanning the query text again: under intake
 * load that cost the hub's workers more CPU than the rest of their work (a profile of the hub).
 */
export function rowsWrite<R extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<R>,
  rows: readonly R[],
  onConflict: OnConflict,
): WriteStatement[] {
  if (rows.length === 0) return [];
  const metadata = manager.connection.getMetadata(entity);
  const values = rows.map((row) => {
    const value: Record<string, unknown> = {};
    for (const column of metadata.columns) {
      value[column.databaseName] = column.getEntityValue(row, true);
    }
    return value;
  });
  return [{ text: statementFor(manager, metadata, onConflict), values: [JSON.stringify(values)] }];
}

function statementFor(
  manager: EntityManager,
  metadata: EntityMetadata,
  onConflict: OnConflict,
): string {
  const known = statements.get(metadata) ?? new Map<OnConflict, string>();
  statements.set(metadata, known);
  let text = known.get(onConflict);
  if (text === undefined) {
    text = buildStatement(manager, metadata, onConflict);
    known.set(onConflict, text);
  }
  return text;
}

function buildStatement(
  manager: EntityManager,
  metadata: EntityMetadata,
  onConflict: OnConflict,
): string {
  const driver = manager.connection.driver;
  const name = (identifier: string) => driver.escape(identifier);
  const columns = metadata.columns.map((column) => ({
    name: name(column.databaseName),
    type: `${driver.normalizeType(column)}${column.isArray ? '[]' : ''}`,
    // A property left out takes the column's default, as TypeORM's insert would.
    fallback: driver.normalizeDefault(column),
  }));
  const key = new Set(metadata.primaryColumns.map((column) => name(column.databaseName)));
  const updates = columns
    .filter((column) => !key.has(column.name))
    .map((column) => `${column.name} = EXCLUDED.${column.name}`);
  return `INSERT INTO ${name(metadata.tablePath)} (${columns.map((c) => c.name).join(', ')})
    SELECT ${columns
      .map((c) => (c.fallback === undefined ? c.name : `COALESCE(${c.name}, ${c.fallback})`))
      .join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS row (${columns.map((c) => `${c.name} ${c.type}`).join(', ')})
    ON CONFLICT ${
      onConflict === 'ignore' || updates.length === 0
        ? 'DO NOTHING'
        : `(${[...key].join(', ')}) DO UPDATE SET ${updates.join(', ')}`
    }`;
}
