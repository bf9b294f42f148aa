import { EventStore } from '@samenloop/event-store';
import { inPoolTransaction } from '@samenloop/platform';
import type { Pool, PoolClient } from 'pg';
import type { Clock } from '@samenloop/privacy';
import { eventLeaf, MerkleAccumulator } from './merkle';
import { SEAL_COLUMNS, signedFields, signSeal, toSeal, type Seal, type SealRow } from './seal';
import type { SealKey } from './seal-key';

export interface SealPolicy {
  /** Seal as soon as this many events wait. */
  everyEvents: number;
  /** Seal whatever waits once its oldest event has waited this long. */
  everyMs: number;
}

// Any constant: it only has to be the same for every process that seals this database.
const SEAL_LOCK = 7_311_966_101;

/**
 * Seals the global log: each seal is the Merkle tree head over every event from the start of the
 * log to a settled position, in the store's log order, signed with the seal key and chained to
 * the previous seal. Sealers in several processes take turns under an advisory lock, and the
 * unique predecessor column forbids two seals extending the same one.
 */
export class Sealer {
  private keyRegistered = false;

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly key: SealKey | undefined,
    private readonly policy: SealPolicy,
  ) {}

  get enabled(): boolean {
    return this.key !== undefined;
  }

  /** Seals what is due (everything waiting, with `force`); returns the seals made. */
  async sealPending(options: { force?: boolean } = {}): Promise<Seal[]> {
    const key = this.key;
    if (!key) throw new Error('no seal key: set SAMENLOOP_SEAL_KEY to seal the log');
    await this.registerKey(key);
    const made: Seal[] = [];
    for (;;) {
      const seal = await this.sealOnce(key, options.force ?? false);
      if (!seal) return made;
      made.push(seal);
    }
  }

  async latest(): Promise<Seal | undefined> {
    const { rows } = await this.pool.query<SealRow>(
      `SELECT ${SEAL_COLUMNS} FROM seals ORDER BY id DESC LIMIT 1`,
    );
    return rows[0] && toSeal(rows[0]);
  }

  private async sealOnce(key: SealKey, force: boolean): Promise<Seal | undefined> {
    return inPoolTransaction(
      this.pool,
      async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
        return this.nextSeal(client, key, force);
      },
      (seal) => seal !== undefined,
    );
  }

  private async nextSeal(
    client: PoolClient,
    key: SealKey,
    force: boolean,
  ): Promise<Seal | undefined> {
    const { rows } = await client.query<SealRow>(
      `SELECT ${SEAL_COLUMNS} FROM seals ORDER BY id DESC LIMIT 1`,
    );
    const last = rows[0];
    const previous = last && toSeal(last);
    // The store hands out settled events only: nothing can later appear before them in log order.
    const events = await this.store.readAll({
      from: previous?.toPosition ?? 'start',
      limit: this.policy.everyEvents,
    });
    const now = this.clock.now();
    const due =
      events.length >= this.policy.everyEvents ||
      (events.length > 0 &&
        (force || now.getTime() - events[0]!.recordedAt.getTime() >= this.policy.everyMs));
    if (!due) return undefined;

    const tree = last
      ? MerkleAccumulator.resume(Number(last.tree_size), last.frontier)
      : MerkleAccumulator.empty();
    if (previous && tree.root() !== previous.merkleRoot) {
      throw new Error(
        `seal ${previous.id}: its stored frontier does not give its root; run verify`,
      );
    }
    for (const event of events) tree.append(eventLeaf(event.position, event.hash));
    const head = await client.query<{ seq: string; last_hash: string | null }>(
      'SELECT seq, last_hash FROM access_log_head',
    );
    const seal = signSeal(
      {
        id: (previous?.id ?? 0) + 1,
        fromPosition: previous?.toPosition ?? null,
        toPosition: events.at(-1)!.position,
        eventCount: events.length,
        treeSize: tree.size,
        merkleRoot: tree.root(),
        previousSealId: previous?.id ?? null,
        previousRoot: previous?.merkleRoot ?? null,
        accessLogSeq: Number(head.rows[0]?.seq ?? 0),
        accessLogHash: head.rows[0]?.last_hash ?? null,
        keyId: key.keyId,
        createdAt: now,
      },
      key.privateKey,
    );
    await client.query(
      `INSERT INTO seals (id, from_position, to_position, event_count, tree_size, merkle_root,
         previous_seal_id, previous_root, access_log_seq, access_log_hash, key_id, created_at,
         frontier, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [...signedFields(seal), JSON.stringify(tree.frontier()), seal.signature],
    );
    return seal;
  }

  private async registerKey(key: SealKey): Promise<void> {
    if (this.keyRegistered) return;
    await this.pool.query(
      'INSERT INTO seal_keys (key_id, public_key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [key.keyId, key.publicKeyPem],
    );
    this.keyRegistered = true;
  }
}
