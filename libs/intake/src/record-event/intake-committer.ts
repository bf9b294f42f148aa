import { Injectable } from '@nestjs/common';
import { KeyVault, type NewDataKey } from '@samenloop/privacy';
import {
  EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type StreamAppend,
  type StreamAppendOutcome,
} from '@samenloop/event-store';
import {
  BsnIndex,
  bsnLock,
  ClientReferenceRegistry,
  referenceKey,
  type BsnRegistration,
  type ReferenceBinding,
} from '@samenloop/sharing';
import { BatchFlusher, inPoolTransaction, type Settled } from '@samenloop/platform';
import { DatabaseError, Pool, type PoolClient } from 'pg';
import {
  receiptKey,
  receiptOf,
  ReceiptStore,
  type FoundReceipt,
  type ReceiptRecord,
} from '../receipts/receipt.store';
import type { Receipt } from '../receipts/receipt-types';
import type { IntakeProblemCode } from '@samenloop/contracts';
import { refused } from './intake-refusal';

/** A partner's reference to bind with the event, and the refusal if it names another client. */
export interface IntakeBinding extends ReferenceBinding {
  whenTaken: Extract<IntakeProblemCode, 'already-enrolled' | 'reference-taken'>;
}

/** The event to append, or where it was found stored by an earlier request. */
export type IntakeAppend =
  | { stream: string; event: EventToAppend; expectedRevision: ExpectedRevision }
  | { storedAt: number };

/** Everything one accepted event writes: committed together, or not at all. */
export interface IntakeWrite {
  /** Its receipt, without the position; the (source, id) it dedupes by. */
  receipt: Omit<ReceiptRecord, 'position'>;
  append: IntakeAppend;
  bindings: readonly IntakeBinding[];
  bsn?: BsnRegistration;
  newKey?: NewDataKey;
}

/** Stored now, and the stream's revision after it; or stored before (a resend). */
export type Committed =
  { receipt: Receipt; fresh: true; revision: number } | { receipt: Receipt; fresh: false };

/** Most events in one transaction. */
const MAX_GROUP = 500;

/** An item that shares a key with an earlier one of its group: it goes in the next group. */
const DEFERRED = Symbol('deferred');

const DEADLOCK = '40P01';

const LOCK_KEYS = `SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest($1::text[]) AS key`;

/**
 * Group commit for the intake: the writes of concurrent requests share one transaction, in which
 * each event's receipt, reference bindings, BSN registration and new data key commit with its
 * append or not at all. Each item is judged on its own: one refused or conflicting event fails
 * alone and the others commit. Advisory locks on the receipt, reference and BSN keys, taken before
 * anything is read, keep the checks true until the commit, across processes.
 */
@Injectable()
export class IntakeCommitter {
  private readonly groups = new BatchFlusher<IntakeWrite, Committed | typeof DEFERRED>(
    (items) => this.commit(items),
    { maxBatch: MAX_GROUP },
  );

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly receipts: ReceiptStore,
    private readonly references: ClientReferenceRegistry,
    private readonly bsnIndex: BsnIndex,
    private readonly keyVault: KeyVault,
  ) {}

  /**
   * Commits the write, or throws: an IntakeRefused for a refusal, or the store's error for a race on the
   * stream (another writer appended first), for the caller to decide again.
   */
  async submit(write: IntakeWrite): Promise<Committed> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const outcome = await this.groups.submit(write);
        if (outcome !== DEFERRED) return outcome;
      } catch (error) {
        // Another process's group locked in another order; this group was rolled back whole.
        if (!(error instanceof DatabaseError && error.code === DEADLOCK) || attempt === 3)
          throw error;
      }
    }
  }

  private async commit(
    items: readonly IntakeWrite[],
  ): Promise<Settled<Committed | typeof DEFERRED>[]> {
    const taken = new Set<string>();
    const deferred = items.map((item) => {
      const keys = lockKeysOf(item);
      if (keys.some((key) => taken.has(key))) return true;
      keys.forEach((key) => taken.add(key));
      return false;
    });
    const group = items.filter((_, index) => !deferred[index]);
    // A group that fails as a whole fails its items; the deferred ones were not tried yet.
    const results = await inPoolTransaction(this.pool, (connection) =>
      this.write(connection, group),
    ).then(
      ({ results, committed }) => {
        committed();
        return results;
      },
      (error: unknown) => group.map((): Settled<Committed> => ({ ok: false, error })),
    );
    let next = 0;
    return deferred.map((later) => (later ? { ok: true, value: DEFERRED } : results[next++]!));
  }

  private async write(
    connection: PoolClient,
    items: readonly IntakeWrite[],
  ): Promise<{ results: Settled<Committed>[]; committed: () => void }> {
    await connection.query({
      name: 'intake-lock-keys',
      text: LOCK_KEYS,
      values: [[...new Set(items.flatMap(lockKeysOf))].sort()],
    });
    const refusals = await this.refusals(connection, items);
    const appending = items.flatMap((item, index) =>
      refusals[index] === undefined && 'stream' in item.append ? [{ item, index }] : [],
    );
    const joined = this.store.joinTransaction(connection);
    const appends: StreamAppend[] = appending.map(({ item }) => {
      const { stream, event, expectedRevision } = item.append as Extract<
        IntakeAppend,
        { stream: string }
      >;
      return { stream, events: [event], options: { expectedRevision } };
    });
    if (!joined) {
      // The events go where this transaction cannot follow: the keys that sealed them must be
      // durable first, or a crash after the append would leave them unreadable.
      await this.keyVault.storeIn(this.pool, newKeysOf(appending.map(({ item }) => item)));
    }
    const outcomes =
      appends.length === 0
        ? []
        : await (joined ? joined.appendMany(appends) : this.store.appendMany(appends));
    const appended = new Map<number, StreamAppendOutcome>(
      appending.map(({ index }, at) => [index, outcomes[at]!]),
    );

    const results: Settled<Committed>[] = [];
    const accepted: { item: IntakeWrite; record: ReceiptRecord }[] = [];
    items.forEach((item, index) => {
      const refusal = refusals[index];
      if (refusal instanceof Error) return results.push({ ok: false, error: refusal });
      if (refusal)
        return results.push({ ok: true, value: { receipt: refusal.receipt, fresh: false } });
      const outcome = appended.get(index);
      if (outcome && !outcome.ok) return results.push({ ok: false, error: outcome.error });
      const appendedNow = outcome?.ok === true ? outcome.result : undefined;
      const position =
        appendedNow?.positions[0] ??
        (item.append as Extract<IntakeAppend, { storedAt: number }>).storedAt;
      const record = { ...item.receipt, position };
      accepted.push({ item, record });
      const receipt = receiptOf(record);
      results.push({
        ok: true,
        value:
          appendedNow && !appendedNow.alreadyStored
            ? { receipt, fresh: true, revision: appendedNow.nextRevision }
            : { receipt, fresh: false },
      });
    });

    await this.receipts.writeIn(
      connection,
      accepted.map(({ record }) => record),
    );
    await this.references.bindIn(
      connection,
      accepted.flatMap(({ item }) => item.bindings),
    );
    await this.bsnIndex.registerIn(
      connection,
      accepted.flatMap(({ item }) => (item.bsn ? [item.bsn] : [])),
    );
    await this.keyVault.storeIn(connection, newKeysOf(accepted.map(({ item }) => item)));
    return { results, committed: () => joined?.committed() };
  }

  /**
   * Per item, what stops it: the receipt of an earlier request with the same content (a resend), a
   * refusal (the id used for other content; a reference or BSN that is another client's), or
   * nothing.
   */
  private async refusals(
    connection: PoolClient,
    items: readonly IntakeWrite[],
  ): Promise<(FoundReceipt | Error | undefined)[]> {
    const bindings = items.flatMap(({ bindings }) => bindings);
    const bsns = items.flatMap(({ bsn }) => (bsn ? [bsn.bsnHash] : []));
    const found = await this.receipts.findIn(
      connection,
      items.map(({ receipt }) => receipt),
    );
    const named = await this.references.namedIn(connection, bindings);
    const holders = await this.bsnIndex.holdersIn(connection, bsns);
    return items.map(({ receipt, bindings, bsn }) => {
      const prior = found.get(receiptKey(receipt));
      if (prior) {
        return prior.contentHash === receipt.contentHash
          ? prior
          : refused('duplicate-id', `event ${receipt.id} was received before with other content`);
      }
      const taken = bindings.find((binding) => {
        const holder = named.get(referenceKey(binding));
        return holder !== undefined && holder !== binding.clientId;
      });
      if (taken) return refusalOf(taken.whenTaken);
      const holder = bsn && holders.get(bsn.bsnHash);
      if (bsn && holder !== undefined && holder !== bsn.clientId) {
        return refusalOf('already-enrolled');
      }
      return undefined;
    });
  }
}

function newKeysOf(items: readonly IntakeWrite[]): NewDataKey[] {
  return items.flatMap(({ newKey }) => (newKey ? [newKey] : []));
}

function lockKeysOf({ receipt, bindings, bsn }: IntakeWrite): string[] {
  return [
    receiptKey(receipt),
    ...bindings.map(referenceKey),
    ...(bsn ? [bsnLock(bsn.bsnHash)] : []),
  ];
}

function refusalOf(type: IntakeBinding['whenTaken']): Error {
  return type === 'already-enrolled'
    ? refused('already-enrolled', 'a client is already enrolled under this reference or BSN')
    : refused('reference-taken', 'this reference already names another of your clients');
}
