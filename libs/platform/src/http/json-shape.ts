/**
 * How deeply a request body's JSON may nest. The hub's own documents nest a handful of levels;
 * the bound keeps recursive work on a parsed body (class-transformer, class-validator) small.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * How many values (array items, object members) a body may hold: a batch of 500 events holds
 * about 15,000. Parsing costs per value far more than per byte: five megabytes of `[],[],...` take
 * seconds to parse, five megabytes of events tens of milliseconds.
 */
export const MAX_JSON_VALUES = 50_000;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c; // ,
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/** Which bound JSON text goes past, if any. */
export type JsonExcess = 'depth' | 'values';

/**
 * Whether JSON text nests deeper than `depth` or holds more than `values` values, found in one
 * pass over the text before it is parsed, without recursion and stopping at the first excess.
 * Brackets and commas inside strings do not count; text that is not valid JSON is left to the
 * parser to refuse.
 */
export function jsonTextExcess(
  text: string,
  limits: { depth: number; values: number } = { depth: MAX_JSON_DEPTH, values: MAX_JSON_VALUES },
): JsonExcess | undefined {
  let depth = 0;
  let values = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = closingQuoteOf(text, index);
    } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (++depth > limits.depth) return 'depth';
      if (++values > limits.values) return 'values';
    } else if (code === COMMA) {
      if (++values > limits.values) return 'values';
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      depth--;
    }
  }
  return undefined;
}

/** The index of the quote that ends the string opened at `open` (the text's end if none does). */
function closingQuoteOf(text: string, open: number): number {
  let quote = text.indexOf('"', open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/**
 * Whether a parsed value nests objects and arrays deeper than `limit`, walked without recursion,
 * for values that did not come through the HTTP parser (e.g. a Kafka record).
 */
export function valueNestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
