import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { eventLeaf, MerkleAccumulator } from '../integrity/merkle';
import {
  SEAL_COLUMNS,
  sealSignatureValid,
  toSeal,
  type Seal,
  type SealRow,
} from '../integrity/seal';
import { keyIdOf, publicKeyFrom } from '../integrity/seal-key';
import type { IntegrityBreak, ProgressCounter } from './integrity-break';

export interface SealChainResult {
  broken?: IntegrityBreak;
  seals: Seal[];
  /** Whose public keys the signatures were checked against. */
  keys: 'trusted' | 'stored';
}

/**
 * Every seal: its link to the previous seal, its signature, and its Merkle root recomputed from the
 * events in log order, which must end exactly at its last position.
 */
export async function checkSeals(
  pool: Pool,
  progress: ProgressCounter,
  trustedKeys: readonly KeyObject[] | undefined,
  pageSize = 5000,
): Promise<SealChainResult> {
  const seals = (
    await pool.query<SealRow>(`SELECT ${SEAL_COLUMNS} FROM seals ORDER BY id`)
  ).rows.map(toSeal);
  const keys = trustedKeys?.length ? 'trusted' : 'stored';
  const publicKeys =
    keys === 'trusted'
      ? new Map(trustedKeys!.map((key) => [keyIdOf(key), key]))
      : await storedKeys(pool);
  if (publicKeys instanceof Error) return { broken: keyBreak(publicKeys), seals, keys };

  let previous: Seal | undefined;
  for (const seal of seals) {
    const reason = brokenLink(seal, previous) ?? brokenSignature(seal, publicKeys, keys);
    if (reason) return { broken: { kind: 'seal', sealId: seal.id, reason }, seals, keys };
    previous = seal;
  }
  const broken = await recomputeRoots(pool, seals, progress, pageSize);
  return broken ? { broken, seals, keys } : { seals, keys };
}

function brokenLink(seal: Seal, previous: Seal | undefined): string | undefined {
  const expectedId = (previous?.id ?? 0) + 1;
  if (seal.id !== expectedId) return `seal ${expectedId} is missing before it`;
  if (seal.previousSealId !== (previous?.id ?? null)) return 'it names another previous seal';
  if (seal.previousRoot !== (previous?.merkleRoot ?? null)) {
    return 'its previous root is not the previous seal’s root';
  }
  if (seal.fromPosition !== (previous?.toPosition ?? null)) {
    return 'it does not start where the previous seal ended';
  }
  if (seal.treeSize !== (previous?.treeSize ?? 0) + seal.eventCount) {
    return 'its tree size is not the previous one plus its event count';
  }
  return undefined;
}

function brokenSignature(
  seal: Seal,
  publicKeys: ReadonlyMap<string, KeyObject>,
  keys: 'trusted' | 'stored',
): string | undefined {
  const key = publicKeys.get(seal.keyId);
  if (!key) {
    return keys === 'trusted'
      ? `it is signed by key ${seal.keyId}, which is not a trusted key`
      : `its key ${seal.keyId} is not in seal_keys`;
  }
  return sealSignatureValid(seal, key) ? undefined : 'its signature does not verify';
}

async function storedKeys(pool: Pool): Promise<Map<string, KeyObject> | Error> {
  const { rows } = await pool.query<{ key_id: string; public_key: string }>(
    'SELECT key_id, public_key FROM seal_keys ORDER BY key_id',
  );
  const keys = new Map<string, KeyObject>();
  for (const row of rows) {
    let key: KeyObject;
    try {
      key = publicKeyFrom(row.public_key);
    } catch {
      return new Error(row.key_id);
    }
    // The id is a hash of the key: a swapped key no longer matches its id.
    if (keyIdOf(key) !== row.key_id) return new Error(row.key_id);
    keys.set(row.key_id, key);
  }
  return keys;
}

function keyBreak(error: Error): IntegrityBreak {
  return {
    kind: 'seal-key',
    keyId: error.message,
    reason: 'its stored public key does not match its id',
  };
}

async function recomputeRoots(
  pool: Pool,
  seals: readonly Seal[],
  progress: ProgressCounter,
  pageSize: number,
): Promise<IntegrityBreak | undefined> {
  const tree = MerkleAccumulator.empty();
  let next = 0;
  let after = { transactionId: '0', position: 0 };
  while (next < seals.length) {
    const { rows } = await pool.query<{ transaction_id: string; position: string; hash: string }>(
      `SELECT transaction_id, position, hash FROM events
       WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
       ORDER BY transaction_id, position LIMIT $3`,
      [after.transactionId, after.position, pageSize],
    );
    for (const row of rows) {
      const position = Number(row.position);
      tree.append(eventLeaf(position, row.hash));
      const seal = seals[next]!;
      if (tree.size === seal.treeSize) {
        if (position !== seal.toPosition) {
          return sealBreak(
            seal,
            `its last event (position ${seal.toPosition}) is not where the log has it: events were removed or added`,
          );
        }
        if (tree.root() !== seal.merkleRoot) {
          return sealBreak(seal, 'the events it covers no longer give its Merkle root');
        }
        next += 1;
        if (next === seals.length) break;
      }
    }
    progress.advance('seals', rows.length);
    if (rows.length < pageSize) break;
    const last = rows.at(-1)!;
    after = { transactionId: last.transaction_id, position: Number(last.position) };
  }
  const unreached = seals[next];
  return unreached
    ? sealBreak(
        unreached,
        `the log holds ${tree.size} events, fewer than its ${unreached.treeSize}`,
      )
    : undefined;
}

function sealBreak(seal: Seal, reason: string): IntegrityBreak {
  return { kind: 'seal', sealId: seal.id, reason };
}
