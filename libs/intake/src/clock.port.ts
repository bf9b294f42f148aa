/** The hub's clock: a DI token, so that tests can fix the time the intake records. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  override now(): Date {
    return new Date();
  }
}
