import { fromBinaryMode, hasCloudEventHeaders } from './binary-mode-mapper';
import { validateCloudEvent } from '@samenloop/contracts';

const NOW = new Date('2026-03-01T12:00:00Z');

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'ce-specversion': '1.0',
  'ce-id': 'evt-1',
  'ce-source': 'urn:samenloop:partner:gemeente-helmond',
  'ce-type': 'nl.samenloop.ladder-step-reached.v1',
  'ce-subject': 'GM-1',
  'ce-time': '2026-03-01T11:00:00Z',
  'ce-actor': 'emp-1234',
};

const STRUCTURED = {
  specversion: '1.0',
  id: 'evt-1',
  source: 'urn:samenloop:partner:gemeente-helmond',
  type: 'nl.samenloop.ladder-step-reached.v1',
  subject: 'GM-1',
  time: '2026-03-01T11:00:00Z',
  actor: 'emp-1234',
  datacontenttype: 'application/json',
  data: { rung: 3 },
};

function without(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(HEADERS).filter(([key]) => key !== name));
}

describe('hasCloudEventHeaders', () => {
  it('tells binary mode by any ce- header, whatever its case', () => {
    expect(hasCloudEventHeaders(HEADERS)).toBe(true);
    expect(hasCloudEventHeaders({ 'CE-Id': 'x' })).toBe(true);
    expect(hasCloudEventHeaders({ 'content-type': 'application/json', cert: 'x' })).toBe(false);
  });
});

describe('fromBinaryMode', () => {
  it('gives the event the structured mode would give, which then passes the same checks', () => {
    const mapped = fromBinaryMode(HEADERS, { rung: 3 }, 'application/json');

    expect(mapped).toEqual({ ok: true, event: STRUCTURED });
    expect(validateCloudEvent(mapped.ok && mapped.event, NOW)).toEqual({
      ok: true,
      event: STRUCTURED,
    });
  });

  it('percent-decodes header values as UTF-8', () => {
    const mapped = fromBinaryMode(
      { ...HEADERS, 'ce-subject': 'GM%2F12%20%C3%A9%25' },
      { rung: 3 },
      'application/json',
    );
    expect(mapped.ok && mapped.event['subject']).toBe('GM/12 é%');
  });

  it('refuses a value that does not percent-decode, naming its attribute', () => {
    for (const value of ['100%', '%C3', '%zz']) {
      expect(fromBinaryMode({ ...HEADERS, 'ce-id': value }, {}, 'application/json')).toEqual({
        ok: false,
        errors: [
          { path: 'id', message: 'the ce-id header must be one percent-encoded UTF-8 value' },
        ],
      });
    }
  });

  it.each(['specversion', 'id', 'source', 'type', 'subject', 'time'])(
    'names a missing ce-%s header',
    (attribute) => {
      expect(fromBinaryMode(without(`ce-${attribute}`), { rung: 3 }, 'application/json')).toEqual({
        ok: false,
        errors: [{ path: attribute, message: `the ce-${attribute} header is missing` }],
      });
    },
  );

  it('refuses data and its content type as headers: they are the body and its Content-Type', () => {
    const mapped = fromBinaryMode(
      { ...HEADERS, 'ce-data': '{}', 'ce-datacontenttype': 'text/plain' },
      { rung: 3 },
      'application/json',
    );
    expect(mapped).toEqual({
      ok: false,
      errors: [
        { path: 'data', message: 'binary mode does not take a ce-data header' },
        {
          path: 'datacontenttype',
          message: 'binary mode does not take a ce-datacontenttype header',
        },
      ],
    });
  });

  it('passes unknown extensions on, for the validator to refuse as in structured mode', () => {
    const mapped = fromBinaryMode(
      { ...HEADERS, 'ce-traceparent': '00-ab' },
      { rung: 3 },
      'application/json',
    );
    const checked = validateCloudEvent(mapped.ok && mapped.event, NOW);
    expect(checked).toEqual({
      ok: false,
      errors: [{ path: 'traceparent', message: expect.any(String) }],
    });
    expect(checked).toEqual(validateCloudEvent({ ...STRUCTURED, traceparent: '00-ab' }, NOW));
  });
});
