import { ProblemException } from '@samenloop/platform';
import type { InboundRecord } from './inbound-record';
import { rejectionRecord } from './rejection-record';

const inbound: InboundRecord = {
  topic: 'samenloop.ggz.inbound.v1',
  partition: 2,
  offset: '41',
  key: Buffer.from('ggz-ref-7'),
  value: Buffer.from('{}'),
  headers: { ce_id: Buffer.from('header-id'), ce_type: Buffer.from('nl.samenloop.goal-set.v1') },
};

const refusal = new ProblemException({
  status: 403,
  type: 'source-mismatch',
  title: 'The source is not the authenticated partner',
  detail: 'partner ggz publishes as urn:samenloop:partner:ggz',
});

describe('the record for a rejected topic', () => {
  it('carries the problem, the refused key and headers pointing back at the refused record', () => {
    const record = rejectionRecord(
      inbound,
      { id: 'evt-1', source: 'urn:samenloop:partner:gemeente' },
      refusal,
    );

    expect(record.key).toEqual(Buffer.from('ggz-ref-7'));
    expect(JSON.parse(String(record.value))).toEqual({
      type: 'https://samenloop.nl/problems/source-mismatch',
      title: 'The source is not the authenticated partner',
      status: 403,
      detail: 'partner ggz publishes as urn:samenloop:partner:ggz',
      instance: 'urn:samenloop:kafka:samenloop.ggz.inbound.v1:2:41',
    });
    expect(record.headers).toEqual({
      'content-type': 'application/problem+json',
      'inbound-topic': 'samenloop.ggz.inbound.v1',
      'inbound-partition': '2',
      'inbound-offset': '41',
      ce_id: 'evt-1',
      ce_source: 'urn:samenloop:partner:gemeente',
      ce_type: 'nl.samenloop.goal-set.v1',
    });
  });
});
