import type { ExpectedRevision } from './event-store.port';

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${actual}`);
  }
}

/** An event id already stored in the stream with other content. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`stream ${stream}: event ${eventId} was already stored with other content`);
  }
}

/** A global-log cursor naming no stored event: resuming from it could silently skip events. */
export class UnknownPositionError extends Error {
  override readonly name = 'UnknownPositionError';
  constructor(readonly position: number) {
    super(`position ${position} names no event in the global log`);
  }
}
