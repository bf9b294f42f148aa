import { parseClientRef } from './client-ref';

describe('parseClientRef', () => {
  it('reads the hub’s client id, in any case', () => {
    expect(parseClientRef('0E5B7C0E-3C55-4D7C-A7BF-0C7B39F0F8A1')).toEqual({
      kind: 'client-id',
      clientId: '0e5b7c0e-3c55-4d7c-a7bf-0c7b39f0f8a1',
    });
  });

  it('reads a partner reference, splitting at the first colon', () => {
    expect(parseClientRef('gemeente-helmond:GM-001')).toEqual({
      kind: 'partner-reference',
      partnerId: 'gemeente-helmond',
      reference: 'GM-001',
    });
    expect(parseClientRef('ggz:urn:case:7')).toMatchObject({
      partnerId: 'ggz',
      reference: 'urn:case:7',
    });
  });

  it('refuses anything else', () => {
    for (const text of ['', 'GM-001', 'Gemeente:GM-1', ':GM-1', 'gemeente:', 'not-a-uuid-at-all']) {
      expect(parseClientRef(text)).toBeUndefined();
    }
  });
});
