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
  type ClientCaseState,
  type IntakeTrace,
  type PartnerCommand,
  type StoredEventShape,
} from '@samenloop/domain';
import {
  DuplicateEventIdError,
  EventStore,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type RecordedEvent,
} from '@samenloop/event-store';
import { Clock } from '../clock.port';
import { intakeProblem, rejectionProblem } from './intake.problems';
import { LruCache } from '@samenloop/platform';
import { StreamAppender } from './stream.appender';
import { StreamQueue } from './stream.queue';

export interface WriteRequest {
  clientId: string;
  /** The store's id for the event, derived from its CloudEvent. */
  id: string;
  /** The domain command, given the hub's time of recording. */
  command: (recordedAt: string) => PartnerCommand;
  trace: IntakeTrace;
  /**
   * The event may have been stored already: a resend of a request that was cut off after its
   * append, or a twin still running. The writer then reads the stream to find it.
   */
  mayBeStored: boolean;
}

export interface Written {
  position: number;
  recordedAt: string;
  /** False when the event had been stored before: a resend whose receipt was never written. */
  fresh: boolean;
}

/** A client's folded state as of a revision of its stream. */
interface KnownState {
  state: ClientCaseState;
  revision: ExpectedRevision;
}

const MAX_ATTEMPTS = 10;
/** Client states remembered per process. */
const KNOWN_STREAMS = 10_000;

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
  private readonly known = new LruCache<string, KnownState>(KNOWN_STREAMS);

  constructor(
    private readonly store: EventStore,
    private readonly appender: StreamAppender,
    private readonly clock: Clock,
  ) {}

  write(request: WriteRequest): Promise<Written> {
    const stream = clientStream(request.clientId);
    return this.queue.run(stream, () => this.decideAndAppend(stream, request));
  }

  private async decideAndAppend(stream: string, request: WriteRequest): Promise<Written> {
    // A state that may predate the event cannot tell whether the event is stored: read then.
    let known = request.mayBeStored ? undefined : this.known.get(stream);
    for (let attempt = 1; ; attempt += 1) {
      if (!known) {
        const recorded = await this.store.readStream(stream);
        const stored = recorded.find(({ id }) => id === request.id);
        if (stored) return storedBefore(stored, request);
        known = {
          state: evolveAll(recorded.map(toClientCaseEvent)),
          revision: recorded.at(-1)?.revision ?? 'no-stream',
        };
        this.known.set(stream, known);
      }

      const command = request.command(this.clock.now().toISOString());
      const decision = decide(command, known.state);
      if (!decision.ok) throw rejectionProblem(decision.rejection);
      const event = toEventToAppend(onlyEvent(decision.events), request.id, request.trace);
      try {
        const { positions, nextRevision, alreadyStored } = await this.appender.append(
          stream,
          [event],
          { expectedRevision: known.revision },
        );
        if (alreadyStored) {
          // Stored before with this very content (so at this recording time), unknown to the state.
          this.known.delete(stream);
          return { position: positions[0]!, recordedAt: command.recordedAt, fresh: false };
        }
        this.known.set(stream, {
          state: evolve(known.state, toClientCaseEvent(asStored(event))),
          revision: nextRevision,
        });
        return { position: positions[0]!, recordedAt: command.recordedAt, fresh: true };
      } catch (error) {
        this.known.delete(stream);
        known = undefined;
        if (!isRace(error)) throw error;
        if (attempt === MAX_ATTEMPTS) {
          throw intakeProblem(
            'concurrency-conflict',
            'the client changed too often to decide; retry',
            {
              headers: { 'retry-after': '1' },
            },
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

function storedBefore(stored: RecordedEvent, request: WriteRequest): Written {
  const { contentHash, recordedAt } = stored.metadata as ClientCaseEventMetadata;
  if (contentHash !== request.trace.contentHash) {
    throw intakeProblem('duplicate-id', 'this event id was already used for other content');
  }
  return { position: stored.position, recordedAt, fresh: false };
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
