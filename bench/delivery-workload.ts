/**
 * What the delivery bench publishes, over the hub's HTTP intake: partners made
 * through the admin API, clients enrolled by the municipality and signalled by the others (so all
 * are involved and receive each other's contacts), then `contact-attempted` events.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { FEED_CONSUMER_NAME } from '@samenloop/delivery';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE, CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import { cloudEvent, enrolmentData, validBsn } from '@samenloop/testing';
import type { Pool } from 'pg';

export interface BenchPartner {
  id: string;
  token: string;
}

/** One client: each partner's own reference for it. */
export type BenchClient = Map<string, string>;

export interface Receipt {
  id: string;
  receivedAt: string;
}

type Json = Record<string, unknown>;

export async function createPartner(
  url: string,
  adminToken: string,
  name: string,
  kind: string,
): Promise<BenchPartner> {
  const id = `${name}-${randomUUID().slice(0, 8)}`;
  const response = await fetch(`${url}/v1/admin/partners`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, kind, name }),
  });
  if (response.status !== 201) {
    throw new Error(`creating ${id}: ${response.status} ${await response.text()}`);
  }
  const { token } = (await response.json()) as { token: string };
  return { id, token };
}

export function contact(partner: BenchPartner, subject: string): Json {
  return cloudEvent(partner, 'contact-attempted', subject, {
    channel: 'phone',
    outcome: 'no-answer',
  });
}

// A bounded pool of kept-alive connections for the steady sends: fetch's own pool opens a
// connection per request in flight, and hundreds of them at once get reset.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Events over HTTP, one alone or several as a batch; answers their receipts, or fails when the hub
 * refuses any of them.
 */
export function publish(url: string, partner: BenchPartner, events: Json[]): Promise<Receipt[]> {
  const single = events.length === 1;
  const payload = JSON.stringify(single ? events[0] : events);
  return new Promise((resolve, reject) => {
    const sending = request(
      `${url}/v1/events`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${partner.token}`,
          'content-type': single ? CLOUDEVENTS_MEDIA_TYPE : CLOUDEVENTS_BATCH_MEDIA_TYPE,
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const receipts = receiptsOf(single, response.statusCode, text);
          if (receipts) resolve(receipts);
          else reject(new Error(`publishing: ${response.statusCode} ${text.slice(0, 500)}`));
        });
        response.on('error', reject);
      },
    );
    sending.on('error', reject);
    sending.end(payload);
  });
}

function receiptsOf(single: boolean, status: number | undefined, text: string): Receipt[] | null {
  if (single) return status === 201 ? [JSON.parse(text) as Receipt] : null;
  if (status !== 200) return null;
  const { results } = JSON.parse(text) as { results: { status: number; receipt?: Receipt }[] };
  return results.every((result) => result.status === 201 && result.receipt)
    ? results.map((result) => result.receipt!)
    : null;
}

/** Enrols `count` clients by `municipality` and has every other partner signal each. */
export async function enrolClients(
  url: string,
  municipality: BenchPartner,
  others: readonly BenchPartner[],
  count: number,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  const enrolments: Json[] = [];
  const signals = new Map<BenchPartner, Json[]>(others.map((partner) => [partner, []]));
  for (let n = 0; n < count; n += 1) {
    const bsn = validBsn();
    const client: BenchClient = new Map([[municipality.id, `GM-${randomUUID()}`]]);
    enrolments.push(
      cloudEvent(municipality, 'client-enrolled', client.get(municipality.id)!, {
        ...enrolmentData(bsn),
        startRung: 2,
      }),
    );
    for (const partner of others) {
      const reference = `${partner.id}-${randomUUID()}`;
      client.set(partner.id, reference);
      signals.get(partner)!.push(cloudEvent(partner, 'involvement-signalled', reference, { bsn }));
    }
    clients.push(client);
  }
  for (const chunk of chunks(enrolments, 500)) await publish(url, municipality, chunk);
  for (const [partner, events] of signals) {
    for (const chunk of chunks(events, 500)) await publish(url, partner, chunk);
  }
  return clients;
}

/** `total` contacts, round robin over partners and clients, in batches, a few at a time. */
export async function publishContacts(
  url: string,
  partners: readonly BenchPartner[],
  clients: readonly BenchClient[],
  total: number,
  log: (line: string) => void,
): Promise<void> {
  const perBatch = 500;
  const batches = Math.ceil(total / perBatch);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let batch = next++; batch < batches; batch = next++) {
      const partner = partners[batch % partners.length]!;
      const events = Array.from({ length: Math.min(perBatch, total - batch * perBatch) }, (_, i) =>
        contact(partner, clients[(batch * perBatch + i) % clients.length]!.get(partner.id)!),
      );
      await publish(url, partner, events);
      done += events.length;
      if (batch % 10 === 0) log(`published ${done} of ${total} events`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** Waits until the feed's materializer has handled every stored event. */
export async function waitForFeed(pool: Pool, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ head: string | null; done: string | null }>(
      `SELECT (SELECT max(position) FROM events) AS head,
              (SELECT position FROM consumer_checkpoints WHERE name = $1) AS done`,
      [FEED_CONSUMER_NAME],
    );
    if (rows[0]?.head !== null && rows[0]?.head === rows[0]?.done) return;
    if (Date.now() > deadline) throw new Error('the feed did not catch up');
    await sleep(100);
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, n) =>
    items.slice(n * size, (n + 1) * size),
  );
}
