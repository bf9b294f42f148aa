import type { ExpectedRevision } from './event-store.port';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event id in its canonical lowercase form, which the hash covers. */
export function checkedEventId(id: string): string {
  if (typeof id !== 'string' || !UUID.test(id)) {
    throw new TypeError(`event id ${JSON.stringify(id)} is not a UUID`);
  }
  return id.toLowerCase();
}

export function checkedExpectedRevision(expected: ExpectedRevision): ExpectedRevision {
  const named = expected === 'any' || expected === 'no-stream' || expected === 'exists';
  if (!named && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(
      `expected revision ${JSON.stringify(expected)} is not any, no-stream, exists or a revision`,
    );
  }
  return expected;
}
