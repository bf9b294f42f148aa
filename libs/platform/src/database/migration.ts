/** One forward-only schema change; `id` is globally unique, prefixed by the lib that owns it. */
export interface Migration {
  id: string;
  sql: string;
}
