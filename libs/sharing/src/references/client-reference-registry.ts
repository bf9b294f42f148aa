import { Injectable } from '@nestjs/common';
import { BatchFlusher, HubSecrets } from '@samenloop/platform';
import { Pool, type PoolClient } from 'pg';
import { ReferenceTakenError } from './client-reference.errors';
import { derivePseudonym } from './pseudonym';

/**
 * Each partner's own name for a client. A partner never sees the hub's client id: it addresses a
 * client by the reference it chose (its enrolment subject or a linked reference) or, failing
 * that, by the pseudonym the hub derives for it.
 */
@Injectable()
export class ClientReferenceRegistry {
  /**
   * Every request to the intake names its client by a reference: the look-ups of concurrent
   * requests share one statement instead of a transaction each.
   */
  private readonly lookups = new BatchFlusher<PartnerReference, string | undefined>(
    async (references) => {
      const named = await this.namedIn(this.pool, references);
      return references.map((wanted) => ({ ok: true, value: named.get(referenceKey(wanted)) }));
    },
    { maxBatch: 500, concurrency: 2 },
  );

  constructor(
    private readonly pool: Pool,
    private readonly secrets: HubSecrets,
  ) {}

  resolve(partnerId: string, reference: string): Promise<string | undefined> {
    return this.lookups.submit({ partnerId, reference });
  }

  /** Records the partner's own reference; binding it again to the same client is a no-op. */
  async bind(partnerId: string, reference: string, clientId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO client_references (partner_id, reference, client_id, origin)
       VALUES ($1, $2, $3, 'own') ON CONFLICT DO NOTHING`,
      [partnerId, reference, clientId],
    );
    const bound = await this.resolve(partnerId, reference);
    if (bound !== clientId) throw new ReferenceTakenError(partnerId, reference);
  }

  /**
   * The clients these references name now, keyed by {@link referenceKey}, read on `connection`:
   * inside a transaction that holds an advisory lock on each key, the answer stays true until it
   * commits.
   */
  async namedIn(
    connection: Pool | PoolClient,
    references: readonly PartnerReference[],
  ): Promise<Map<string, string>> {
    if (references.length === 0) return new Map();
    const { rows } = await connection.query<PartnerReference & { client_id: string }>({
      name: 'references-named-in',
      text: `SELECT r.partner_id AS "partnerId", r.reference, r.client_id
             FROM unnest($1::text[], $2::text[]) AS wanted (partner_id, reference)
             JOIN client_references r USING (partner_id, reference)`,
      values: [
        references.map(({ partnerId }) => partnerId),
        references.map(({ reference }) => reference),
      ],
    });
    return new Map(rows.map((row) => [referenceKey(row), row.client_id]));
  }

  /** Binds each reference as its partner's own, in the caller's transaction on `connection`. */
  async bindIn(connection: PoolClient, bindings: readonly ReferenceBinding[]): Promise<void> {
    if (bindings.length === 0) return;
    await connection.query({
      name: 'references-bind-in',
      text: `INSERT INTO client_references (partner_id, reference, client_id, origin)
             SELECT partner_id, reference, client_id, 'own'
             FROM unnest($1::text[], $2::text[], $3::uuid[]) AS bound (partner_id, reference, client_id)
             ON CONFLICT DO NOTHING`,
      values: [
        bindings.map(({ partnerId }) => partnerId),
        bindings.map(({ reference }) => reference),
        bindings.map(({ clientId }) => clientId),
      ],
    });
  }

  /** The reference to show this partner: its own latest one, else its pseudonym. */
  async referenceFor(partnerId: string, clientId: string): Promise<string> {
    return (await this.referencesFor([{ partnerId, clientId }]))(partnerId, clientId);
  }

  /**
   * `referenceFor` for many partners and clients at once, in one statement that also records the
   * pseudonyms handed out: a consumer replaying the log would otherwise wait a round trip per row.
   */
  async referencesFor(wanted: readonly PartnerClient[]): Promise<ReferenceOf> {
    const pairs = [...new Map(wanted.map((pair) => [keyOf(pair), pair])).values()];
    const references = new Map(
      pairs.map((pair) => [
        keyOf(pair),
        derivePseudonym(this.secrets.pseudonymKey, pair.partnerId, pair.clientId),
      ]),
    );
    for (const [key, own] of await this.ownReferences(pairs, references)) references.set(key, own);
    return (partnerId, clientId) => {
      const reference = references.get(keyOf({ partnerId, clientId }));
      if (reference === undefined) {
        throw new Error(`no reference asked for ${partnerId}, ${clientId}`);
      }
      return reference;
    };
  }

  /**
   * Each partner's own latest reference, keyed by `keyOf`, where it has one; the pseudonym of
   * each pair without one is recorded, so that the partner can address the client by it.
   */
  private async ownReferences(
    pairs: readonly PartnerClient[],
    pseudonyms: ReadonlyMap<string, string>,
  ): Promise<Map<string, string>> {
    if (pairs.length === 0) return new Map();
    const { rows } = await this.pool.query<{
      partner_id: string;
      client_id: string;
      reference: string;
    }>(
      `WITH wanted AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
           AS wanted (partner_id, client_id, pseudonym)
       ), own AS (
         SELECT DISTINCT ON (wanted.partner_id, wanted.client_id)
           wanted.partner_id, wanted.client_id, own.reference
         FROM wanted
         JOIN client_references own
           ON own.client_id = wanted.client_id::uuid AND own.partner_id = wanted.partner_id
         WHERE own.origin = 'own'
         ORDER BY wanted.partner_id, wanted.client_id, own.created_at DESC, own.reference
       ), recorded AS (
         INSERT INTO client_references (partner_id, reference, client_id, origin)
         SELECT partner_id, pseudonym, client_id::uuid, 'pseudonym' FROM wanted
         WHERE NOT EXISTS (
           SELECT FROM own WHERE own.partner_id = wanted.partner_id
             AND own.client_id = wanted.client_id
         )
         ON CONFLICT DO NOTHING
       )
       SELECT partner_id, client_id, reference FROM own`,
      [
        pairs.map(({ partnerId }) => partnerId),
        pairs.map(({ clientId }) => clientId),
        pairs.map((pair) => pseudonyms.get(keyOf(pair))),
      ],
    );
    return new Map(
      rows.map((row) => [
        keyOf({ partnerId: row.partner_id, clientId: row.client_id }),
        row.reference,
      ]),
    );
  }
}

export interface PartnerReference {
  partnerId: string;
  reference: string;
}

export interface ReferenceBinding extends PartnerReference {
  clientId: string;
}

/** Identifies a partner's reference in maps and advisory locks. */
export function referenceKey({ partnerId, reference }: PartnerReference): string {
  return `reference\n${partnerId}\n${reference}`;
}

export interface PartnerClient {
  partnerId: string;
  clientId: string;
}

/** The reference to show a partner for a client, of those asked for. */
export type ReferenceOf = (partnerId: string, clientId: string) => string;

function keyOf({ partnerId, clientId }: PartnerClient): string {
  return `${partnerId}\n${clientId}`;
}
