import { PROBLEM_CONTENT_TYPE, renderProblem } from '@samenloop/platform';
import type { Message } from 'kafkajs';
import { headerValues, recordUri, type InboundRecord } from './inbound-record';

const REFERENCED_ATTRIBUTES = ['id', 'source', 'type'] as const;

/**
 * The record for the partner's rejected topic: the problem document (as HTTP would have answered
 * it; `instance` names the refused record) as the value, the refused record's key as the key, and
 * headers that point back at it: its `ce_id`, `ce_source` and `ce_type` where it had them, and its
 * topic, partition and offset.
 */
export function rejectionRecord(record: InboundRecord, event: unknown, refusal: unknown): Message {
  const { problem } = renderProblem(refusal, recordUri(record));
  const headers: Record<string, string> = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'inbound-topic': record.topic,
    'inbound-partition': String(record.partition),
    'inbound-offset': record.offset,
  };
  for (const attribute of REFERENCED_ATTRIBUTES) {
    const value = attributeOf(record, event, attribute);
    if (value !== undefined) headers[`ce_${attribute}`] = value;
  }
  return { key: record.key, value: JSON.stringify(problem), headers };
}

/** From the decoded event when there is one, else from the record's binary-mode header. */
function attributeOf(record: InboundRecord, event: unknown, name: string): string | undefined {
  const decoded =
    typeof event === 'object' && event !== null
      ? (event as Record<string, unknown>)[name]
      : undefined;
  if (typeof decoded === 'string') return decoded;
  const [header] = headerValues(record.headers, `ce_${name}`);
  return header;
}
