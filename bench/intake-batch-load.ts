/**
 * The hub's batch intake under closed-loop load: each connection posts one batch of CloudEvents
 * after the other (`application/cloudevents-batch+json`) and every event's own result is checked,
 * which autocannon cannot do.
 */
import { CLOUDEVENTS_BATCH_MEDIA_TYPE } from '@samenloop/contracts';
import type { Call } from './closed-loop';

/** The answer to a batch of which every event was stored. */
export const EVERY_EVENT_STORED = '200, every event 201';

interface BatchAnswer {
  results?: { status: number }[];
}

/** One call per connection; `body` gives each request its batch. */
export function batchCalls(
  url: string,
  token: string,
  connections: number,
  body: () => string,
): Call[] {
  const headers = {
    'content-type': CLOUDEVENTS_BATCH_MEDIA_TYPE,
    authorization: `Bearer ${token}`,
  };
  const call: Call = async () => {
    const response = await fetch(`${url}/v1/events`, { method: 'POST', headers, body: body() });
    const text = await response.text();
    if (response.status !== 200) return { answer: String(response.status), accepted: 0 };
    const results = (JSON.parse(text) as BatchAnswer).results ?? [];
    const accepted = results.filter(({ status }) => status === 201).length;
    return {
      answer: accepted === results.length ? EVERY_EVENT_STORED : '200, some events refused',
      accepted,
    };
  };
  return Array.from({ length: connections }, () => call);
}
