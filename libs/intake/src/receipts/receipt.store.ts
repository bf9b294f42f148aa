import { Injectable } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import type { Receipt } from './receipt-types';

/** What identifies a CloudEvent for ever, and what it said. */
export interface ReceiptClaim {
  source: string;
  id: string;
  type: string;
  subject: string;
  contentHash: string;
}

/** A stored event's receipt as the table keeps it. */
export interface ReceiptRecord extends ReceiptClaim {
  clientId: string;
  position: number;
  receivedAt: string;
}

/** A receipt found for a (source, id), with the hash of the content it was given for. */
export interface FoundReceipt {
  contentHash: string;
  receipt: Receipt;
}

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

/**
 * The receipts table: (source, id) -> the stored event. A receipt is written in the transaction
 * that stores its event, so one is there exactly when the event is. Rows without a position are
 * claims an earlier version of the intake wrote before deciding; they count as absent.
 */
@Injectable()
export class ReceiptStore {
  constructor(private readonly pool: Pool) {}

  /** The receipt of (source, id), if its event is stored. */
  async find({
    source,
    id,
  }: Pick<ReceiptClaim, 'source' | 'id'>): Promise<FoundReceipt | undefined> {
    const { rows } = await this.pool.query<ReceiptRow>({
      name: 'intake-receipt-find',
      text: `SELECT ${COLUMNS} FROM intake_receipts
             WHERE source = $1 AND event_id = $2 AND position IS NOT NULL`,
      values: [source, id],
    });
    return rows[0] && found(rows[0]);
  }

  /**
   * The receipts of these events, keyed by {@link receiptKey}, read on `connection`: inside a
   * transaction that holds an advisory lock on each key, the answer stays true until it commits.
   */
  async findIn(
    connection: PoolClient,
    claims: readonly Pick<ReceiptClaim, 'source' | 'id'>[],
  ): Promise<Map<string, FoundReceipt>> {
    if (claims.length === 0) return new Map();
    const { rows } = await connection.query<ReceiptRow>({
      name: 'intake-receipts-find-in',
      text: `SELECT ${COLUMNS} FROM intake_receipts
             WHERE (source, event_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
               AND position IS NOT NULL`,
      values: [claims.map(({ source }) => source), claims.map(({ id }) => id)],
    });
    return new Map(
      rows.map((row) => [receiptKey({ source: row.source, id: row.event_id }), found(row)]),
    );
  }

  /** Writes the receipts, in the caller's transaction on `connection`, over any old claim. */
  async writeIn(connection: PoolClient, records: readonly ReceiptRecord[]): Promise<void> {
    if (records.length === 0) return;
    await connection.query({
      name: 'intake-receipts-write-in',
      text: `INSERT INTO intake_receipts
               (source, event_id, type, sender_reference, content_hash, client_id, position, received_at)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                  $6::uuid[], $7::bigint[], $8::timestamptz[])
             ON CONFLICT (source, event_id) DO UPDATE
               SET type = EXCLUDED.type, sender_reference = EXCLUDED.sender_reference,
                   content_hash = EXCLUDED.content_hash, client_id = EXCLUDED.client_id,
                   position = EXCLUDED.position, received_at = EXCLUDED.received_at
               WHERE intake_receipts.position IS NULL`,
      values: [
        records.map(({ source }) => source),
        records.map(({ id }) => id),
        records.map(({ type }) => type),
        records.map(({ subject }) => subject),
        records.map(({ contentHash }) => contentHash),
        records.map(({ clientId }) => clientId),
        records.map(({ position }) => position),
        records.map(({ receivedAt }) => receivedAt),
      ],
    });
  }
}

/** Identifies a (source, id) in maps and advisory locks. */
export function receiptKey({ source, id }: Pick<ReceiptClaim, 'source' | 'id'>): string {
  return `receipt\n${source}\n${id}`;
}

/** The receipt a partner gets for a stored event. */
export function receiptOf(record: ReceiptRecord): Receipt {
  return {
    id: record.id,
    source: record.source,
    type: record.type,
    subject: record.subject,
    position: record.position,
    receivedAt: new Date(record.receivedAt).toISOString(),
  };
}

function found(row: ReceiptRow): FoundReceipt {
  return {
    contentHash: row.content_hash,
    receipt: {
      id: row.event_id,
      source: row.source,
      type: row.type,
      subject: row.sender_reference,
      position: Number(row.position),
      receivedAt: row.received_at!.toISOString(),
    },
  };
}
