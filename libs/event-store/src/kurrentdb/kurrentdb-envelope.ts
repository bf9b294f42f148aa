/**
 * What this adapter stores as a KurrentDB event's (JSON) metadata: the hash-chain fields, the
 * time the hash covers, the id of the append that wrote the event, and the caller's own metadata
 * under its own key, so that the caller can never overwrite or spoof the chain fields.
 */
export interface MetadataEnvelope {
  hash: string;
  previousHash: string | null;
  /** ISO 8601 UTC with milliseconds: the `recordedAt` the hash covers. */
  recordedAt: string;
  /**
   * A UUID per append attempt. KurrentDB acknowledges a repeated write of the same event ids as
   * a success without storing it again; this tells the appender whether the stored events are its.
   */
  writeId: string;
  metadata: Record<string, unknown>;
}

export interface UnwrappedMetadata {
  hash: string;
  previousHash: string | null;
  recordedAt: Date;
  writeId: string | undefined;
  metadata: Record<string, unknown>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function wrapMetadata(fields: {
  hash: string;
  previousHash: string | null;
  recordedAt: Date;
  writeId: string;
  metadata: Record<string, unknown>;
}): MetadataEnvelope {
  return {
    hash: fields.hash,
    previousHash: fields.previousHash,
    recordedAt: fields.recordedAt.toISOString(),
    writeId: fields.writeId,
    metadata: fields.metadata,
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The envelope read back from KurrentDB (already JSON-parsed by the client), or null when the
 * metadata is not one this adapter wrote (an event written by something else).
 */
export function unwrapMetadata(raw: unknown): UnwrappedMetadata | null {
  if (!isPlainObject(raw)) return null;
  const { hash, previousHash, recordedAt, writeId, metadata } = raw;
  if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) return null;
  if (
    previousHash !== null &&
    (typeof previousHash !== 'string' || !SHA256_HEX.test(previousHash))
  ) {
    return null;
  }
  if (typeof recordedAt !== 'string' || !ISO_UTC_MS.test(recordedAt)) return null;
  const date = new Date(recordedAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== recordedAt) return null;
  if (!isPlainObject(metadata)) return null;
  return {
    hash,
    previousHash,
    recordedAt: date,
    writeId: typeof writeId === 'string' ? writeId : undefined,
    metadata,
  };
}
