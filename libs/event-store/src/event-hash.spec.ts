import { computeEventHash, toJsonText } from './event-hash';

// Vectors computed by SQL `samenloop_event_hash`: they pin the canonical form auditors rely on.
describe('computeEventHash', () => {
  const stream = 'client-2b8c7c0e-4f0a-4d7e-9d37-5c1f0a8e9b11';

  it('hashes the first event of a stream, with an empty previous hash', () => {
    const hash = computeEventHash({
      previousHash: null,
      stream,
      revision: 0,
      id: '0d9e4c1a-7b2f-4e8a-a1c3-5f6d7e8f9a0b',
      type: 'nl.samenloop.referral-made.v1',
      data: { to: 'GGZ', note: 'één' },
      metadata: { actor: 'gemeente' },
      recordedAt: new Date('2025-01-02T03:04:05.678Z'),
    });
    expect(hash).toBe('b5dba6b73eb20f83a0462658a320d1cad31291c7e9b84f2600ed3d96169273cd');
  });

  it('chains a later event to the previous hash', () => {
    const hash = computeEventHash({
      previousHash: '0baf53ada4a3fd9b14ca8be25803403726860c61e01e77535180cc5e2cab3a39',
      stream,
      revision: 1,
      id: '1d9e4c1a-7b2f-4e8a-a1c3-5f6d7e8f9a0b',
      type: 'nl.samenloop.contact-made.v1',
      data: null,
      metadata: {},
      recordedAt: new Date('2025-01-02T03:04:05.000Z'),
    });
    expect(hash).toBe('39ff2125d97b89cc869daf70c2a87a1b6db271fd7420796b2a959bab38aad0b0');
  });
});

describe('toJsonText', () => {
  it('writes values without JSON text as null, as they read back', () => {
    expect(toJsonText(undefined)).toBe('null');
    expect(toJsonText(() => 1)).toBe('null');
  });

  it('survives a parse and re-serialisation unchanged', () => {
    const value = { b: 1, a: [-0, 1e21, 'é\n"\u0000\ud800'], 10: null, 2: { nested: true } };
    const text = toJsonText(value);
    expect(toJsonText(JSON.parse(text))).toBe(text);
  });
});
