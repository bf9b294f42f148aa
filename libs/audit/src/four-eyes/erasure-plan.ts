import { clientStream, freeTextFieldsOf, isEventType } from '@samenloop/domain';
import type { EventStore } from '@samenloop/event-store';
import type { Pool } from 'pg';
import type { ErasurePlan } from '../audit.contract';

/**
 * The dry run of an erasure: what destroying the client's data key makes unreadable (the sealed
 * person and free-text fields, event by event) and what is deleted (the keyed BSN hash). Nothing is
 * changed; the events themselves stay, as the audit trail requires.
 */
export async function planErasure(
  pool: Pool,
  store: EventStore,
  clientId: string,
): Promise<ErasurePlan> {
  const { rows } = await pool.query<{ key: boolean | null; bsn: boolean }>(
    `SELECT (SELECT wrapped_key IS NOT NULL FROM client_keys WHERE client_id = $1) AS key,
       EXISTS (SELECT 1 FROM client_bsn_hashes WHERE client_id = $1) AS bsn`,
    [clientId],
  );
  const sealed = (await store.readStream(clientStream(clientId))).flatMap(
    ({ position, type, data }) => {
      const present = new Set(Object.keys((data ?? {}) as object));
      const fields = [
        ...(type === 'nl.samenloop.client-enrolled.v1' ? ['person'] : []),
        ...(isEventType(type) ? freeTextFieldsOf(type) : []),
      ].filter((field) => present.has(field));
      return fields.length ? [{ position, type, fields }] : [];
    },
  );
  const key = rows[0]?.key;
  return {
    clientId,
    dataKey: key === true ? 'present' : key === false ? 'destroyed' : 'none',
    bsnHash: rows[0]?.bsn ?? false,
    sealed,
  };
}
