import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import {
  clientStream,
  decide,
  evolve,
  evolveAll,
  toClientCaseEvent,
  toEventToAppend,
  type ClientCaseEvent,
  type ClientCaseEventMetadata,
  type IntakeTrace,
  type PartnerCommand,
  type StoredEventShape,
} from '@samenloop/domain';
import {
  DuplicateEventIdError,
  EventStore,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from '@samenloop/event-store';
import { Clock } from '@samenloop/privacy';
import { CaseStates } from '@samenloop/sharing';
import type { ReceiptClaim } from '../receipts/receipt.store';
import { IntakeCommitter, type Committed, type IntakeWrite } from './intake-committer';
import { refused, refusedForNow, rejectionRefused } from './intake-refusal';
import { StreamQueue } from './stream-queue';

export interface WriteRequest {
  clientId: string;
  /** The store's id for the event, derived from its CloudEvent. */
  id: string;
  /** The domain command, given the hub's time of recording. */
  command: (recordedAt: string) => PartnerCommand;
  trace: IntakeTrace;
  /** The receipt's fields that the request knows: all but where and when the event is stored. */
  receipt: ReceiptClaim;
  /** What commits with the event besides its receipt. */
  with: Pick<IntakeWrite, 'bindings' | 'bsn' | 'newKey'>;
}

const MAX_ATTEMPTS = 10;

/**
 * Decides a command against the client's state and appends the outcome, expecting the revision
 * the state is of. The state comes from the stream, or from what this process last read or
 * appended there: the expected revision then proves it current, and another writer having
 * appended first (here or in another process) means reading the stream and deciding again, a
 * bounded number of times. Nothing is acknowledged before it is stored.
 */
@Injectable()
export class ClientCaseWriter {
  private readonly queue = new StreamQueue();

  constructor(
    private readonly store: EventStore,
    private readonly committer: IntakeCommitter,
    private readonly clock: Clock,
    private readonly known: CaseStates,
  ) {}

  write(request: WriteRequest): Promise<Committed> {
    const stream = clientStream(request.clientId);
    return this.queue.run(stream, () => this.decideAndAppend(stream, request));
  }

  private async decideAndAppend(stream: string, request: WriteRequest): Promise<Committed> {
    let known = this.known.latest(stream);
    for (let attempt = 1; ; attempt += 1) {
      if (!known) {
        const recorded = await this.store.readStream(stream);
        const stored = recorded.find(({ id }) => id === request.id);
        // Stored by a request that was cut off before its receipt (with a store that cannot
        // commit them together): the receipt and bindings are written now.
        if (stored) return this.committer.submit(storedBefore(stored, request));
        known = {
          state: evolveAll(recorded.map(toClientCaseEvent)),
          revision: recorded.at(-1)?.revision ?? -1,
        };
        this.known.remember(stream, known);
      }

      const command = request.command(this.clock.now().toISOString());
      const decision = decide(command, known.state);
      if (!decision.ok) throw rejectionRefused(decision.rejection);
      const event = toEventToAppend(onlyEvent(decision.events), request.id, request.trace);
      try {
        const committed = await this.committer.submit({
          ...request.with,
          receipt: {
            ...request.receipt,
            clientId: request.clientId,
            receivedAt: command.recordedAt,
          },
          append: {
            stream,
            event,
            expectedRevision: known.revision < 0 ? 'no-stream' : known.revision,
          },
        });
        if (committed.fresh) {
          this.known.remember(stream, {
            state: evolve(known.state, toClientCaseEvent(asStored(event))),
            revision: committed.revision,
            previous: known.state,
          });
        } else {
          // Stored before, unknown to the state this request decided on.
          this.known.forget(stream);
        }
        return committed;
      } catch (error) {
        this.known.forget(stream);
        known = undefined;
        if (!isRace(error)) throw error;
        if (attempt === MAX_ATTEMPTS) {
          throw refusedForNow(
            'concurrency-conflict',
            'the client changed too often to decide; retry',
            1,
          );
        }
        // Jitter, so that writers in different processes do not collide again in step.
        await sleep(Math.random() * 5 * attempt);
      }
    }
  }
}

/** Another writer appended first; or, for a duplicate id, a twin request appended this very event. */
function isRace(error: unknown): boolean {
  return error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
}

function storedBefore(stored: RecordedEvent, request: WriteRequest): IntakeWrite {
  const { contentHash, recordedAt } = stored.metadata as ClientCaseEventMetadata;
  if (contentHash !== request.trace.contentHash) {
    throw refused('duplicate-id', 'this event id was already used for other content');
  }
  return {
    ...request.with,
    receipt: { ...request.receipt, clientId: request.clientId, receivedAt: recordedAt },
    append: { storedAt: stored.position },
  };
}

/** The event as a read of the stream would give it back: its data and metadata as stored JSON. */
function asStored({ type, data, metadata }: StoredEventShape): StoredEventShape {
  return {
    type,
    data: JSON.parse(JSON.stringify(data)) as unknown,
    metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>,
  };
}

/** The decider turns every accepted command into exactly one event: the CloudEvent's. */
function onlyEvent(events: readonly ClientCaseEvent[]): ClientCaseEvent {
  if (events.length !== 1)
    throw new Error(`expected one event from the decider, got ${events.length}`);
  return events[0]!;
}
