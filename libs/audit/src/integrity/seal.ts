import { sign, verify, type KeyObject } from 'node:crypto';

/**
 * A signed statement: "the global log, from its start to `toPosition` in log order, is these
 * `treeSize` events with Merkle root `merkleRoot`; the access log's head was then entry
 * `accessLogSeq` with hash `accessLogHash`". Each seal names its predecessor and that one's root,
 * so the seals form a chain of their own.
 */
export interface Seal {
  id: number;
  /** The previous seal's `toPosition` (exclusive); null for the first seal. */
  fromPosition: number | null;
  /** The last event sealed (inclusive). */
  toPosition: number;
  /** Events in (fromPosition, toPosition]. */
  eventCount: number;
  /** Events from the start of the log to toPosition: the tree's size. */
  treeSize: number;
  merkleRoot: string;
  previousSealId: number | null;
  previousRoot: string | null;
  accessLogSeq: number;
  accessLogHash: string | null;
  keyId: string;
  /** Ed25519 over {@link sealPayload}, base64. */
  signature: string;
  createdAt: Date;
}

export type UnsignedSeal = Omit<Seal, 'signature'>;

/**
 * Every field but the signature, in a fixed order: what is signed, and the leading columns of the
 * `seals` row.
 */
export function signedFields(seal: UnsignedSeal) {
  return [
    seal.id,
    seal.fromPosition,
    seal.toPosition,
    seal.eventCount,
    seal.treeSize,
    seal.merkleRoot,
    seal.previousSealId,
    seal.previousRoot,
    seal.accessLogSeq,
    seal.accessLogHash,
    seal.keyId,
    seal.createdAt,
  ] as const;
}

/** What is signed: the signed fields as a JSON array (the time as its ISO string, as JSON writes a Date). */
export function sealPayload(seal: UnsignedSeal): Buffer {
  return Buffer.from(JSON.stringify(['samenloop-seal-v1', ...signedFields(seal)]), 'utf8');
}

export function signSeal(seal: UnsignedSeal, privateKey: KeyObject): Seal {
  return { ...seal, signature: sign(null, sealPayload(seal), privateKey).toString('base64') };
}

export function sealSignatureValid(seal: Seal, publicKey: KeyObject): boolean {
  try {
    return verify(null, sealPayload(seal), publicKey, Buffer.from(seal.signature, 'base64'));
  } catch {
    return false;
  }
}

export interface SealRow {
  id: string;
  from_position: string | null;
  to_position: string;
  event_count: string;
  tree_size: string;
  merkle_root: string;
  frontier: string[];
  previous_seal_id: string | null;
  previous_root: string | null;
  access_log_seq: string;
  access_log_hash: string | null;
  key_id: string;
  signature: string;
  created_at: Date;
}

export const SEAL_COLUMNS = `id, from_position, to_position, event_count, tree_size, merkle_root,
  frontier, previous_seal_id, previous_root, access_log_seq, access_log_hash, key_id, signature,
  created_at`;

export function toSeal(row: SealRow): Seal {
  const number = (value: string | null) => (value === null ? null : Number(value));
  return {
    id: Number(row.id),
    fromPosition: number(row.from_position),
    toPosition: Number(row.to_position),
    eventCount: Number(row.event_count),
    treeSize: Number(row.tree_size),
    merkleRoot: row.merkle_root,
    previousSealId: number(row.previous_seal_id),
    previousRoot: row.previous_root,
    accessLogSeq: Number(row.access_log_seq),
    accessLogHash: row.access_log_hash,
    keyId: row.key_id,
    signature: row.signature,
    createdAt: row.created_at,
  };
}
