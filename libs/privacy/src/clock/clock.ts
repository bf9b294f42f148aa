/**
 * The hub's one clock: a DI token, so that tests can fix the time the intake, the access log and
 * the audit record. Read only where something is recorded, never while replaying, so a replay
 * stays the original day's.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  override now(): Date {
    return new Date();
  }
}
