import { randomUUID } from 'node:crypto';
import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { eventStoreContract } from '../contract/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// A real KurrentDB only: e.g. KURRENTDB_URL=kurrentdb://localhost:2113?tls=false. The server may
// be shared, so every test uses fresh random stream names and event types.
const url = process.env.KURRENTDB_URL;

if (url) {
  eventStoreContract('KurrentDbEventStore', async () => {
    const store = new KurrentDbEventStore(url);
    return { store, teardown: () => store.close() };
  });

  describe('KurrentDbEventStore on KurrentDB', () => {
    let client: KurrentDBClient;
    let store: KurrentDbEventStore;
    const newStream = () => `client-${randomUUID()}`;

    beforeAll(() => {
      client = KurrentDBClient.connectionString(url);
      store = new KurrentDbEventStore(client);
    });
    afterAll(async () => {
      await store.close();
      await client.dispose();
    });

    it('keeps the hash chain beside the caller metadata in the KurrentDB event metadata', async () => {
      const stream = newStream();
      const id = randomUUID();
      await store.append(stream, [
        { id, type: 'nl.samenloop.kurrent-test.v1', data: { a: 1 }, metadata: { hash: 'mine' } },
      ]);

      const raw = [];
      for await (const resolved of client.readStream(stream)) raw.push(resolved.event);
      const [recorded] = await store.readStream(stream);

      expect(raw).toHaveLength(1);
      expect(raw[0]).toMatchObject({ id, isJson: true, revision: 0n, data: { a: 1 } });
      expect(raw[0]?.metadata).toEqual({
        hash: recorded.hash,
        previousHash: null,
        recordedAt: recorded.recordedAt.toISOString(),
        writeId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        metadata: { hash: 'mine' },
      });
      expect(recorded.metadata).toEqual({ hash: 'mine' });
      expect(recorded.position).toBe(Number(raw[0]?.position?.commit));
    });

    it('does not take over a client stream written by something else', async () => {
      const stream = newStream();
      await client.appendToStream(stream, {
        id: randomUUID(),
        contentType: 'application/json',
        type: 'foreign',
        data: {},
        metadata: undefined,
      });
      await expect(store.readStream(stream)).rejects.toThrow(/not written by the Samenloop/);
      await expect(
        store.append(stream, [{ id: randomUUID(), type: 't', data: {} }]),
      ).rejects.toThrow(/not written by the Samenloop/);
    });

    it('ends open subscriptions when closed', async () => {
      const own = new KurrentDbEventStore(url);
      const received: unknown[] = [];
      const drained = (async () => {
        for await (const event of own.subscribeToAll({ types: [`t-${randomUUID()}`] })) {
          received.push(event);
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await own.close();
      await drained;
      expect(received).toEqual([]);
      await expect(own.readAll()).rejects.toThrow(/closed/);
    });
  });
} else {
  process.stdout.write('skipped: no KurrentDB at KURRENTDB_URL\n');
  it('KurrentDB contract (skipped: no KurrentDB at KURRENTDB_URL)', () => {
    expect(process.env.KURRENTDB_URL).toBeUndefined();
  });
}
