/**
 * Which clock a time reads: `recorded`, when the hub accepted the event (its receipts' time), or
 * `happened`, when the partner says it took place (the event's `occurredAt`). They differ for an
 * event reported late: a visit held on Monday and posted on Friday happened by Tuesday, but the
 * hub knew of it only on Friday.
 */
export const AS_OF_CLOCKS = ['recorded', 'happened'] as const;
export type AsOfClock = (typeof AS_OF_CLOCKS)[number];

/**
 * The moment a replay stops at: a global-log position (events at or before it), or a time on one
 * of the two clocks. A position or a recorded time gives a prefix of the client's stream (positions
 * and recording times rise with its revisions): the state the hub held then. A happened time keeps
 * every event that took place by then, in the stream's order, late reports included.
 */
export type AsOf = { position: number } | { time: Date; by: AsOfClock };

/** The place of one event on each of the clocks. */
export interface EventMoment {
  position: number;
  recordedAt: Date;
  occurredAt: Date;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * A whole number (a position) or an RFC 3339 date-time with its zone, read on `by` (a position
 * only on the recorded clock); else undefined.
 */
export function parseAsOf(text: string, by: AsOfClock = 'recorded'): AsOf | undefined {
  const trimmed = text.trim();
  if (/^\d{1,15}$/.test(trimmed))
    return by === 'recorded' ? { position: Number(trimmed) } : undefined;
  if (!RFC3339.test(trimmed)) return undefined;
  const time = new Date(trimmed);
  return Number.isNaN(time.getTime()) ? undefined : { time, by };
}

export function includes(asOf: AsOf | undefined, event: EventMoment): boolean {
  if (!asOf) return true;
  if ('position' in asOf) return event.position <= asOf.position;
  const at = asOf.by === 'happened' ? event.occurredAt : event.recordedAt;
  return at.getTime() <= asOf.time.getTime();
}

/** Whether the events kept are a prefix of the stream (the state the hub held at one moment). */
export function keepsPrefix(asOf: AsOf | undefined): boolean {
  return !asOf || 'position' in asOf || asOf.by === 'recorded';
}

export function describeAsOf(
  asOf: AsOf | undefined,
): { position?: number; time?: string; by?: AsOfClock } | null {
  if (!asOf) return null;
  return 'position' in asOf
    ? { position: asOf.position }
    : { time: asOf.time.toISOString(), by: asOf.by };
}
