import type { IHeaders } from 'kafkajs';

/** One record read from a partner's inbound topic. */
export interface InboundRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** Where the record sits, as a URI: the `instance` of its problem and the command's correlation id. */
export function recordUri({ topic, partition, offset }: InboundRecord): string {
  return `urn:samenloop:kafka:${topic}:${partition}:${offset}`;
}

/** The header's values as text: none, one, or (repeated) several. */
export function headerValues(headers: IHeaders | undefined, name: string): string[] {
  const value = headers?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => item.toString());
}
