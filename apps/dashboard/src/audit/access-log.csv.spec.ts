import type { AccessLogView } from '../api/audit.contract';
import { accessLogCsv, csvCell } from './access-log.csv';

const entry: AccessLogView = {
  seq: 7,
  id: 'b1f7c3a2-0000-4000-8000-000000000007',
  occurredAt: '2026-03-03T10:00:00.000Z',
  action: 'webhook.delivery',
  clientId: '5be535aa-0000-4000-8000-000000000001',
  user: 'system:webhook',
  onBehalfOf: null,
  partnerId: 'ggz-oost-brabant',
  accessPoint: 'webhook:sub-1',
  origin: null,
  authorisation: { basis: 'agreement', reference: 'ggz-oost-brabant', version: '3' },
  emergency: false,
  detail: { positions: [4, 9] },
  hash: 'ab'.repeat(32),
  previousHash: null,
  channel: 'webhook',
  disclosed: {
    types: ['nl.samenloop.contact-attempted.v1', 'nl.samenloop.visit-held.v1'],
    categories: ['contact'],
  },
};

describe('the access-log CSV', () => {
  it('has a header and one record per entry, every cell quoted, lines ending in CRLF', () => {
    const csv = accessLogCsv([entry, { ...entry, seq: 8, disclosed: null, origin: '10.0.0.1' }]);
    const lines = csv.split('\r\n');

    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toMatch(/^"seq","occurred_at","user",/);
    expect(lines[1]).toContain(
      '"nl.samenloop.contact-attempted.v1 nl.samenloop.visit-held.v1","contact","agreement","ggz-oost-brabant","3"',
    );
    expect(lines[2]).toContain('"","","agreement"');
    expect(lines[2]).toContain('"10.0.0.1"');
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+31 6 1234', `"'+31 6 1234"`],
    ['-1+1', `"'-1+1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['plain "quoted", text', '"plain ""quoted"", text"'],
    ['line\r\nbreak', '"line\r\nbreak"'],
  ])('renders %j harmless as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('defuses a formula in any field a partner or user controls', () => {
    const csv = accessLogCsv([{ ...entry, user: '=cmd|calc', onBehalfOf: '@evil' }]);

    expect(csv).toContain(`"'=cmd|calc","'@evil"`);
  });
});
