/**
 * The audit's clock: a DI token so that tests can fix the time entries and erasures record. Read
 * only where something is recorded, never while replaying, so a replay stays the original day's.
 */
export abstract class AuditClock {
  abstract now(): Date;
}

export class SystemAuditClock extends AuditClock {
  override now(): Date {
    return new Date();
  }
}
