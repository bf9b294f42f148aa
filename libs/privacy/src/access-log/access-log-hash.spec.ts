import { accessEntryHash, type HashedAccessEntry } from './access-log-hash';

const entry: HashedAccessEntry = {
  previousHash: null,
  seq: 1,
  id: '6f1c3c4e-2b1a-4c8e-9a57-0d7f1b6b2a10',
  occurredAt: new Date('2026-03-01T10:00:00.000Z'),
  action: 'timeline.view',
  clientId: '0e5b7c0e-3c55-4d7c-a7bf-0c7b39f0f8a1',
  user: 'emp-1234',
  onBehalfOf: null,
  partnerId: 'ggz-oost',
  accessPoint: 'GET /v1/dashboard/clients/{ref}/timeline',
  origin: '10.0.0.7',
  authorisationJson: '{"basis":"agreement","reference":"convenant-helmond","version":"3"}',
  emergency: false,
  detailJson: null,
};

describe('accessEntryHash', () => {
  it('is stable for the same entry', () => {
    expect(accessEntryHash(entry)).toBe(accessEntryHash({ ...entry }));
    expect(accessEntryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any field, the chain link included', () => {
    const base = accessEntryHash(entry);
    const changes: Partial<HashedAccessEntry>[] = [
      { previousHash: 'a'.repeat(64) },
      { seq: 2 },
      { occurredAt: new Date('2026-03-01T10:00:00.001Z') },
      { user: 'emp-1235' },
      { onBehalfOf: '' },
      { emergency: true },
      { detailJson: '{}' },
      { authorisationJson: '{"basis":"agreement","reference":"convenant-helmond","version":"4"}' },
    ];
    for (const change of changes) {
      expect(accessEntryHash({ ...entry, ...change })).not.toBe(base);
    }
  });

  it('keeps field boundaries whatever the fields contain', () => {
    const a = accessEntryHash({ ...entry, user: 'a","b', onBehalfOf: null });
    const b = accessEntryHash({ ...entry, user: 'a', onBehalfOf: 'b' });
    expect(a).not.toBe(b);
  });
});
