/** A connection or pool to run SQL on; a caller's open transaction fits, and so does a `pg` Pool. */
export interface SqlExecutor {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows: R[] }>;
}
