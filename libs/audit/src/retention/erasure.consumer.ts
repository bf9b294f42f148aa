import { CheckpointedConsumer, type BatchHandler, type EventStore } from '@samenloop/event-store';
import { poolSessions } from '@samenloop/platform';
import type { Pool } from 'pg';
import type { ClientErasure } from '../erasure/client-erasure';

export const ERASURE_CONSUMER = 'audit-erasure';
const CLOSED = 'nl.samenloop.case-closed.v1';
const ERASED = 'nl.samenloop.client-erased.v1';
const CLIENT_STREAM = /^client-([0-9a-f-]{36})$/;

/**
 * Follows `case-closed` and `client-erased` in the global log: keeps the retention schedule, and
 * finishes every erasure (key destroyed, BSN hash forgotten) whoever appended it and whether or not
 * that process got to do it itself. At least once: both steps are idempotent.
 */
export function erasureConsumer(
  store: EventStore,
  pool: Pool,
  erasure: Pick<ClientErasure, 'forget'>,
  log?: (line: string) => void,
): CheckpointedConsumer {
  const handle: BatchHandler = async (events, transaction) => {
    for (const event of events) {
      const clientId = CLIENT_STREAM.exec(event.stream)?.[1];
      if (!clientId) continue;
      if (event.type === CLOSED) {
        await transaction.query(
          `INSERT INTO audit_retention (client_id, closed_at) VALUES ($1, $2)
           ON CONFLICT (client_id) DO UPDATE SET closed_at = EXCLUDED.closed_at`,
          [clientId, event.recordedAt],
        );
      } else if (event.type === ERASED) {
        await transaction.query(
          `INSERT INTO audit_retention (client_id, erased_at) VALUES ($1, $2)
           ON CONFLICT (client_id) DO UPDATE
             SET erased_at = coalesce(audit_retention.erased_at, EXCLUDED.erased_at)`,
          [clientId, event.recordedAt],
        );
        await erasure.forget(clientId);
      }
    }
  };
  return new CheckpointedConsumer(store, poolSessions(pool), {
    name: ERASURE_CONSUMER,
    handle,
    types: [CLOSED, ERASED],
    ...(log ? { log } : {}),
  });
}
