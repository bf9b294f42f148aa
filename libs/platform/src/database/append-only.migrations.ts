import type { Migration } from './migration';

/**
 * The guard of every table that must only grow (the events, the access log, the seals): a trigger
 * calling it refuses UPDATE, DELETE and TRUNCATE, so that even the hub's own database role cannot
 * rewrite history by accident. Tampering then takes disabling the trigger, which the hash chains
 * and seals expose. Its id predates its move here from the audit lib, and databases recorded it.
 */
export const appendOnlyMigration: Migration = {
  id: 'audit/002-append-only-guard',
  sql: `
    CREATE FUNCTION samenloop_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'SLAPP';
    END
    $fn$;`,
};

/** The two triggers that make `table` append-only. */
export function appendOnlyTriggers(table: string): string {
  return `
    CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION samenloop_audit_append_only();
    CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION samenloop_audit_append_only();`;
}
