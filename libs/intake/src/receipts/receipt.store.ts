import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { BatchFlusher, type Settled } from '../record-event/batch.flusher';
import type { Receipt } from './receipt.types';

export interface ReceiptClaim {
  source: string;
  id: string;
  type: string;
  subject: string;
  contentHash: string;
}

export interface ReceiptRecord extends ReceiptClaim {
  clientId: string;
  position: number;
  receivedAt: string;
}

export type ClaimOutcome =
  /** New: this request decides the event. */
  | { state: 'claimed' }
  /** The same content is being decided by another request, or one was cut off before its receipt. */
  | { state: 'pending' }
  /** The id was used for other content. */
  | { state: 'conflict' }
  | { state: 'recorded'; receipt: Receipt };

interface ReceiptRow {
  source: string;
  event_id: string;
  type: string;
  sender_reference: string;
  content_hash: string;
  position: string | null;
  received_at: Date | null;
}

const COLUMNS = 'source, event_id, type, sender_reference, content_hash, position, received_at';

/** The receipts table: (source, id) -> the stored event, claimed before the event is decided. */
@Injectable()
export class ReceiptStore {
  /** Concurrent claims share one INSERT; so do concurrent records. */
  private readonly claims = new BatchFlusher<ReceiptClaim, boolean>((batch) =>
    this.insertClaims(batch),
  );
  private readonly records = new BatchFlusher<ReceiptRecord, ReceiptRow | undefined>((batch) =>
    this.completeClaims(batch),
  );

  constructor(private readonly pool: Pool) {}

  async claim(claim: ReceiptClaim): Promise<ClaimOutcome> {
    if (await this.claims.submit(claim)) return { state: 'claimed' };
    for (;;) {
      const row = await this.find(claim);
      if (row) {
        if (row.content_hash !== claim.contentHash) return { state: 'conflict' };
        return row.position === null
          ? { state: 'pending' }
          : { state: 'recorded', receipt: toReceipt(row) };
      }
      // Released between the insert and the read: claim again.
      const inserted = await this.pool.query({
        name: 'intake-claim-one',
        text: `INSERT INTO intake_receipts (source, event_id, type, sender_reference, content_hash)
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        values: [claim.source, claim.id, claim.type, claim.subject, claim.contentHash],
      });
      if (inserted.rowCount === 1) return { state: 'claimed' };
    }
  }

  /** Completes the claim (or writes it, if a refusal of a twin request released it meanwhile). */
  async record(record: ReceiptRecord): Promise<Receipt> {
    // Nothing returned: a twin request completed it first, with the same event.
    const row = (await this.records.submit(record)) ?? (await this.find(record));
    if (!row) throw new Error(`receipt of ${record.source} ${record.id} vanished`);
    return toReceipt(row);
  }

  /**
   * One multi-row INSERT for the claims of a batch. A claim is won by the request whose row went
   * in; when the same (source, id) comes twice in a batch, by the first one with the content that
   * went in. The others look at the row that is there.
   */
  private async insertClaims(batch: readonly ReceiptClaim[]): Promise<Settled<boolean>[]> {
    const { rows } = await this.pool.query<{
      source: string;
      event_id: string;
      content_hash: string;
    }>({
      name: 'intake-claim-batch',
      text: `INSERT INTO intake_receipts (source, event_id, type, sender_reference, content_hash)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
             ON CONFLICT DO NOTHING
             RETURNING source, event_id, content_hash`,
      values: [
        batch.map(({ source }) => source),
        batch.map(({ id }) => id),
        batch.map(({ type }) => type),
        batch.map(({ subject }) => subject),
        batch.map(({ contentHash }) => contentHash),
      ],
    });
    const won = new Map(rows.map((row) => [keyOf(row.source, row.event_id), row.content_hash]));
    return batch.map((claim) => {
      const key = keyOf(claim.source, claim.id);
      const claimed = won.get(key) === claim.contentHash;
      if (claimed) won.delete(key);
      return { ok: true, value: claimed };
    });
  }

  /**
   * One multi-row upsert for the records of a batch. ON CONFLICT DO UPDATE may touch a row once per
   * statement, so a second record of the same (source, id) in the batch (a twin) gets no row here
   * and reads the one that is there.
   */
  private async completeClaims(
    batch: readonly ReceiptRecord[],
  ): Promise<Settled<ReceiptRow | undefined>[]> {
    const keys = batch.map(({ source, id }) => keyOf(source, id));
    const first = batch.filter((_, index) => keys.indexOf(keys[index]!) === index);
    const { rows } = await this.pool.query<ReceiptRow>({
      name: 'intake-record-batch',
      text: `INSERT INTO intake_receipts
               (source, event_id, type, sender_reference, content_hash, client_id, position, received_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                  $6::uuid[], $7::bigint[], $8::timestamptz[])
             ON CONFLICT (source, event_id) DO UPDATE
               SET client_id = EXCLUDED.client_id, position = EXCLUDED.position,
                   received_at = EXCLUDED.received_at
               WHERE intake_receipts.position IS NULL
                 AND intake_receipts.content_hash = EXCLUDED.content_hash
             RETURNING ${COLUMNS}`,
      values: [
        first.map(({ source }) => source),
        first.map(({ id }) => id),
        first.map(({ type }) => type),
        first.map(({ subject }) => subject),
        first.map(({ contentHash }) => contentHash),
        first.map(({ clientId }) => clientId),
        first.map(({ position }) => position),
        first.map(({ receivedAt }) => receivedAt),
      ],
    });
    const written = new Map(rows.map((row) => [keyOf(row.source, row.event_id), row]));
    return batch.map((_, index) => ({
      ok: true,
      value: keys.indexOf(keys[index]!) === index ? written.get(keys[index]!) : undefined,
    }));
  }

  /** Gives up a claim whose event was refused, so that the id stays free for a corrected resend. */
  async release(claim: ReceiptClaim): Promise<void> {
    await this.pool.query(
      `DELETE FROM intake_receipts
       WHERE source = $1 AND event_id = $2 AND content_hash = $3 AND position IS NULL`,
      [claim.source, claim.id, claim.contentHash],
    );
  }

  private async find({
    source,
    id,
  }: {
    source: string;
    id: string;
  }): Promise<ReceiptRow | undefined> {
    const { rows } = await this.pool.query<ReceiptRow>({
      name: 'intake-receipt-find',
      text: `SELECT ${COLUMNS} FROM intake_receipts WHERE source = $1 AND event_id = $2`,
      values: [source, id],
    });
    return rows[0];
  }
}

function keyOf(source: string, id: string): string {
  return JSON.stringify([source, id]);
}

function toReceipt(row: ReceiptRow): Receipt {
  if (row.position === null || row.received_at === null) {
    throw new Error(`receipt of ${row.source} ${row.event_id} is still a claim`);
  }
  return {
    id: row.event_id,
    source: row.source,
    type: row.type,
    subject: row.sender_reference,
    position: Number(row.position),
    receivedAt: row.received_at.toISOString(),
  };
}
