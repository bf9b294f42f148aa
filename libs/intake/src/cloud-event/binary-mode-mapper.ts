import type { ProblemFieldError } from '@samenloop/platform';

const HEADER_PREFIX = 'ce-';

/** What every event of the catalogue carries (docs/inbound.md); `specversion` marks the mode itself. */
const REQUIRED = ['specversion', 'id', 'source', 'type', 'subject', 'time'] as const;

/**
 * In binary mode these come from the body and its Content-Type, never from a `ce-` header: one
 * attribute with two values would leave the hub to guess which one the sender meant.
 */
const NOT_FROM_HEADERS = new Set(['data', 'data_base64', 'datacontenttype']);

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export type BinaryModeMapping =
  { ok: true; event: Record<string, unknown> } | { ok: false; errors: ProblemFieldError[] };

/** Whether a request carries CloudEvents attributes as `ce-` headers (the binary content mode). */
export function hasCloudEventHeaders(headers: HeaderValues): boolean {
  return Object.keys(headers).some(isAttributeHeader);
}

/**
 * The CloudEvent a binary-mode request stands for (CloudEvents HTTP binding 1.0, 3.1): each `ce-`
 * header an attribute, its value percent-decoded as UTF-8, the body its `data` and the media type
 * its `datacontenttype`. The result still goes through validateCloudEvent like a structured event,
 * so both modes are held to the same rules; here only what belongs to the mode is checked.
 */
export function fromBinaryMode(
  headers: HeaderValues,
  body: unknown,
  mediaType: string,
): BinaryModeMapping {
  const event: Record<string, unknown> = {};
  const errors: ProblemFieldError[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!isAttributeHeader(name) || value === undefined) continue;
    const attribute = name.slice(HEADER_PREFIX.length).toLowerCase();
    if (NOT_FROM_HEADERS.has(attribute)) {
      errors.push({ path: attribute, message: `binary mode does not take a ${name} header` });
      continue;
    }
    const decoded = typeof value === 'string' ? percentDecoded(value) : undefined;
    if (decoded === undefined) {
      errors.push({
        path: attribute,
        message: `the ${name} header must be one percent-encoded UTF-8 value`,
      });
    } else {
      event[attribute] = decoded;
    }
  }
  for (const attribute of REQUIRED) {
    if (!(attribute in event) && !errors.some(({ path }) => path === attribute)) {
      errors.push({
        path: attribute,
        message: `the ${HEADER_PREFIX}${attribute} header is missing`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, event: { ...event, datacontenttype: mediaType, data: body } };
}

function isAttributeHeader(name: string): boolean {
  return name.toLowerCase().startsWith(HEADER_PREFIX);
}

function percentDecoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray `%` or an escape that is not UTF-8: the binding obliges senders to encode both.
    return undefined;
  }
}
