import type { OutboundCloudEvent } from '@samenloop/contracts';
import type { FeedEntry } from '../../feed/partner-feed-types';
import { binaryModeRecord } from './binary-mode-binding';

const event = {
  specversion: '1.0',
  id: 'evt-1',
  source: 'urn:samenloop:partner:gemeente',
  type: 'nl.samenloop.visit-held.v1',
  subject: 'ggz-ref-7',
  time: '2025-03-03T10:00:00Z',
  datacontenttype: 'application/json',
  dataschema: 'https://samenloop.nl/schemas/visit-held.v1.json',
  cursor: 4711,
  actor: 'emp-1234',
  data: { location: 'home', lifeAreasDiscussed: ['housing'] },
} as unknown as OutboundCloudEvent;

const entry: FeedEntry = {
  seq: 12,
  partnerId: 'ggz',
  position: 4711,
  subject: 'ggz-ref-7',
  type: event.type,
  clientId: 'client-uuid',
  agreementVersion: '1',
  event,
};

describe('the CloudEvents Kafka binding, binary mode', () => {
  it('puts every attribute but data in a ce_ header, data in the value, the reference in the key', () => {
    const record = binaryModeRecord(entry);

    expect(record.key).toBe('ggz-ref-7');
    expect(JSON.parse(String(record.value))).toEqual(event.data);
    expect(record.headers).toEqual({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_id: 'evt-1',
      ce_source: 'urn:samenloop:partner:gemeente',
      ce_type: 'nl.samenloop.visit-held.v1',
      ce_subject: 'ggz-ref-7',
      ce_time: '2025-03-03T10:00:00Z',
      ce_dataschema: 'https://samenloop.nl/schemas/visit-held.v1.json',
      ce_cursor: '4711',
      ce_actor: 'emp-1234',
    });
  });

  it('leaves out optional attributes the event does not have', () => {
    const { actor: _actor, ...withoutActor } = event as unknown as Record<string, unknown>;

    const record = binaryModeRecord({
      ...entry,
      event: withoutActor as unknown as OutboundCloudEvent,
    });

    expect(record.headers).not.toHaveProperty('ce_actor');
  });
});
