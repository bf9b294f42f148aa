import { ProblemException } from '@samenloop/platform';
import { decodeInboundRecord, type DecodedRecord } from './inbound-record-decoder';
import type { InboundRecord } from './inbound-record';

const record = (changes: Partial<InboundRecord>): InboundRecord => ({
  topic: 'samenloop.ggz.inbound.v1',
  partition: 0,
  offset: '7',
  key: Buffer.from('ggz-ref-7'),
  value: null,
  headers: {},
  ...changes,
});

const binaryHeaders = {
  ce_specversion: Buffer.from('1.0'),
  ce_id: Buffer.from('evt-1'),
  ce_source: Buffer.from('urn:samenloop:partner:ggz'),
  ce_type: Buffer.from('nl.samenloop.contact-attempted.v1'),
  ce_subject: Buffer.from('ggz-ref-7'),
  ce_time: Buffer.from('2025-03-03T10:00:00Z'),
};
const data = { channel: 'phone', outcome: 'reached' };

function problemOf(decoded: DecodedRecord): string {
  if (decoded.ok) throw new Error('expected a refusal');
  expect(decoded.problem).toBeInstanceOf(ProblemException);
  return `${decoded.problem.problem.status} ${decoded.problem.problem.type}`;
}

describe('decoding an inbound Kafka record', () => {
  it('reads binary mode: ce_ headers as attributes, the value as data', () => {
    const decoded = decodeInboundRecord(
      record({
        headers: {
          ...binaryHeaders,
          'content-type': Buffer.from('application/json; charset=utf-8'),
        },
        value: Buffer.from(JSON.stringify(data)),
      }),
    );

    expect(decoded).toEqual({
      ok: true,
      event: {
        specversion: '1.0',
        id: 'evt-1',
        source: 'urn:samenloop:partner:ggz',
        type: 'nl.samenloop.contact-attempted.v1',
        subject: 'ggz-ref-7',
        time: '2025-03-03T10:00:00Z',
        datacontenttype: 'application/json',
        data,
      },
    });
  });

  it('reads structured mode: the whole event as the value; ce_ headers do not count', () => {
    const event = { specversion: '1.0', id: 'evt-2', data };

    const decoded = decodeInboundRecord(
      record({
        headers: { 'content-type': 'application/cloudevents+json', ce_id: 'other' },
        value: Buffer.from(JSON.stringify(event)),
      }),
    );

    expect(decoded).toEqual({ ok: true, event });
  });

  it('leaves data out of a binary record without a value, for validation to name it', () => {
    const decoded = decodeInboundRecord(record({ headers: binaryHeaders }));

    expect(decoded.ok && decoded.event).not.toHaveProperty('data');
  });

  it('refuses a value that is not JSON without quoting it', () => {
    const decoded = decodeInboundRecord(
      record({ headers: binaryHeaders, value: Buffer.from('BSN 123456782') }),
    );

    expect(problemOf(decoded)).toBe('400 malformed-body');
    expect(JSON.stringify(!decoded.ok && decoded.problem.problem)).not.toContain('123456782');
  });

  it('refuses a record in neither mode', () => {
    expect(problemOf(decodeInboundRecord(record({ value: Buffer.from('{}') })))).toBe(
      '415 unsupported-media-type',
    );
    expect(
      problemOf(
        decodeInboundRecord(
          record({ headers: { ...binaryHeaders, 'content-type': 'text/plain' }, value: null }),
        ),
      ),
    ).toBe('415 unsupported-media-type');
  });

  it('refuses a repeated attribute header', () => {
    const decoded = decodeInboundRecord(
      record({ headers: { ...binaryHeaders, ce_id: ['a', 'b'] }, value: Buffer.from('{}') }),
    );

    expect(problemOf(decoded)).toBe('400 invalid-event');
  });
});
