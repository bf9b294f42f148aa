/**
 * The moment a replay stops at: a global-log position (events at or before it), or a time (events
 * the hub had recorded by then). A stream's positions and recording times rise with its
 * revisions, so either gives a prefix of the client's stream: the state the hub held then.
 */
export type AsOf = { position: number } | { time: Date };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** A whole number (a position) or an RFC 3339 date-time with its zone; else undefined. */
export function parseAsOf(text: string): AsOf | undefined {
  const trimmed = text.trim();
  if (/^\d{1,15}$/.test(trimmed)) return { position: Number(trimmed) };
  if (!RFC3339.test(trimmed)) return undefined;
  const time = new Date(trimmed);
  return Number.isNaN(time.getTime()) ? undefined : { time };
}

export function includes(
  asOf: AsOf | undefined,
  event: { position: number; recordedAt: Date },
): boolean {
  if (!asOf) return true;
  return 'position' in asOf
    ? event.position <= asOf.position
    : event.recordedAt.getTime() <= asOf.time.getTime();
}

export function describeAsOf(asOf: AsOf | undefined): { position?: number; time?: string } | null {
  if (!asOf) return null;
  return 'position' in asOf ? { position: asOf.position } : { time: asOf.time.toISOString() };
}
