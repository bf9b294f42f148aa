import { CLOUDEVENTS_MEDIA_TYPE, DATA_MEDIA_TYPE } from '@samenloop/contracts';
import { malformedBody, type ProblemException } from '@samenloop/platform';
import { refusalProblem } from '../record-event/intake.problems';
import { invalidEvent } from '../record-event/intake-refusal';
import { headerValues, type InboundRecord } from './inbound-record';

const ATTRIBUTE_HEADER = /^ce_/;

export type DecodedRecord = { ok: true; event: unknown } | { ok: false; problem: ProblemException };

/**
 * A record of the CloudEvents Kafka binding as the JSON object the HTTP intake would have
 * received: structured mode (`content-type: application/cloudevents+json`, the whole event as the
 * value) or binary mode (attributes as `ce_` headers, `data` as the JSON value). What it returns
 * still has to pass `validateCloudEvent`, exactly like an HTTP body.
 */
export function decodeInboundRecord(record: InboundRecord): DecodedRecord {
  const contentTypes = headerValues(record.headers, 'content-type');
  const mediaType = contentTypes[0]?.split(';')[0]?.trim().toLowerCase();
  if (contentTypes.length > 1) {
    return refuse(unsupportedMediaType('send one content-type header'));
  }
  if (mediaType === CLOUDEVENTS_MEDIA_TYPE) {
    const parsed = parseJson(record.value);
    return parsed.ok ? { ok: true, event: parsed.value } : refuse(parsed.problem);
  }
  const attributeHeaders = Object.keys(record.headers ?? {}).filter((name) =>
    ATTRIBUTE_HEADER.test(name),
  );
  if (attributeHeaders.length === 0) {
    return refuse(
      unsupportedMediaType(
        `send binary mode (ce_ headers, content-type ${DATA_MEDIA_TYPE}) or structured mode (content-type ${CLOUDEVENTS_MEDIA_TYPE})`,
      ),
    );
  }
  if (mediaType !== undefined && mediaType !== DATA_MEDIA_TYPE) {
    return refuse(unsupportedMediaType(`binary mode carries data as ${DATA_MEDIA_TYPE}`));
  }
  return binaryMode(record, attributeHeaders, mediaType);
}

function binaryMode(
  record: InboundRecord,
  attributeHeaders: readonly string[],
  mediaType: string | undefined,
): DecodedRecord {
  const event: Record<string, unknown> = {};
  for (const header of attributeHeaders) {
    const values = headerValues(record.headers, header);
    const name = header.replace(ATTRIBUTE_HEADER, '');
    if (values.length !== 1) {
      return refuse(
        refusalProblem(
          invalidEvent([{ path: name, message: `header ${header} must appear once` }]),
        ),
      );
    }
    event[name] = values[0];
  }
  if (mediaType !== undefined) event.datacontenttype = mediaType;
  if (record.value !== null && record.value.length > 0) {
    const parsed = parseJson(record.value);
    if (!parsed.ok) return refuse(parsed.problem);
    event.data = parsed.value;
  }
  return { ok: true, event };
}

function parseJson(
  value: Buffer | null,
): { ok: true; value: unknown } | { ok: false; problem: ProblemException } {
  try {
    return { ok: true, value: JSON.parse(value?.toString('utf8') ?? '') };
  } catch {
    // Without the parser's message: it quotes the value, which is not the hub's to repeat.
    return {
      ok: false,
      problem: malformedBody('the record value is not JSON'),
    };
  }
}

function unsupportedMediaType(detail: string): ProblemException {
  return refusalProblem({ code: 'unsupported-media-type', detail });
}

function refuse(problem: ProblemException): DecodedRecord {
  return { ok: false, problem };
}
