import type { EntityManager } from 'typeorm';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import type { TimelineEntryEntity } from '../timeline/timeline-entry.entity';

/** A timeline entry as the page shows it, with its time already in the page's ISO form. */
export type TimelineRow = Omit<TimelineEntryEntity, 'clientId' | 'occurredAt'> & {
  occurredAt: string;
};

/** What deciding who may read a client's timeline takes of its caseload row. */
export type TimelineClient = Pick<CaseloadClientEntity, 'clientId' | 'involved' | 'unconfirmed'>;

export type ClientTimeline = TimelineClient & { entries: TimelineRow[] };

/**
 * The client's caseload row and its timeline in order, in one statement. The entries come as one
 * JSON array, parsed natively, rather than as rows the driver parses column by column.
 */
const TIMELINE = `
  SELECT c.involved, c.unconfirmed,
    (SELECT coalesce(json_agg(json_build_object(
        'position', t.position,
        'type', t.type,
        'category', t.category,
        'partnerId', t.partner_id,
        'actor', t.actor,
        'occurredAt', to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'details', t.details,
        'secrecy', t.secrecy) ORDER BY t.occurred_at, t.position), '[]')
     FROM read_timeline t WHERE t.client_id = c.client_id) AS entries
  FROM read_caseload c WHERE c.client_id = $1`;

export async function readClientTimeline(
  db: Pick<EntityManager, 'query'>,
  clientId: string,
): Promise<ClientTimeline | undefined> {
  const [row]: Omit<ClientTimeline, 'clientId'>[] = await db.query(TIMELINE, [clientId]);
  return row && { clientId, ...row };
}
