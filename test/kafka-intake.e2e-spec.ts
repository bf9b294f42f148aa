import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientStream } from '@samenloop/domain';
import { auditMigrations } from '@samenloop/audit';
import { keyVaultMigrations } from '@samenloop/privacy';
import { IntakeModule, intakeMigrations, KafkaIntakeModule } from '@samenloop/intake';
import { KafkaSettings } from '@samenloop/platform';
import {
  cloudEvent,
  type CloudEventJson,
  enrolmentData,
  type KafkaTestClusterResult,
  startKafkaTestCluster,
  validBsn,
} from '@samenloop/testing';
import { Pool } from 'pg';
import { Kafka, logLevel, type Admin, type IHeaders, type Producer } from 'kafkajs';
import { HubHarness, type TestPartner } from './support/hub-harness';

// Partners publishing into their inbound Kafka topic: the same validation and command path as
// HTTP, refusals on their rejected topic, offsets committed only after the append.
const RUN_TIMEOUT_MS = 120_000;
const PROBLEMS = 'https://samenloop.nl/problems/';

interface Rejection {
  key: string | null;
  problem: Record<string, unknown>;
  headers: Record<string, string>;
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A CloudEvent in binary mode: attributes as ce_ headers, data as the JSON value. */
function binaryMode(event: CloudEventJson): { headers: IHeaders; value: string } {
  const { data, datacontenttype, ...attributes } = event;
  return {
    headers: {
      'content-type': String(datacontenttype ?? 'application/json'),
      ...Object.fromEntries(
        Object.entries(attributes).map(([name, value]) => [`ce_${name}`, String(value)]),
      ),
    },
    value: JSON.stringify(data),
  };
}

describe('the Kafka intake (end to end)', () => {
  let started: KafkaTestClusterResult;
  let hub: HubHarness;
  let kafka: Kafka;
  let producer: Producer;
  let admin: Admin;
  let prefix: string;
  let gemeente: TestPartner;
  let ggz: TestPartner;
  const rejections: Rejection[] = [];
  let stopReading: (() => Promise<void>) | undefined;

  const inbound = (partner: TestPartner) => `${prefix}.${partner.id}.inbound.v1`;
  const rejected = (partner: TestPartner) => `${prefix}.${partner.id}.rejected.v1`;

  beforeAll(async () => {
    started = await startKafkaTestCluster();
    if (!started.available) {
      process.stderr.write(`\nKAFKA TESTS SKIPPED: ${started.reason}\n\n`);
      return;
    }
    const { cluster } = started;
    prefix = `e2e${randomBytes(4).toString('hex')}`;
    hub = await HubHarness.start({
      imports: [
        IntakeModule,
        KafkaIntakeModule.forRoot({
          settings: new KafkaSettings({ brokers: cluster.brokers, topicPrefix: prefix }),
          tuning: { intake: { partnersRefreshMs: 250, maxWaitTimeMs: 100 } },
        }),
      ],
      migrations: [
        // The harness runs the key vault's itself.
        ...auditMigrations.filter((migration) => !keyVaultMigrations.includes(migration)),
        ...intakeMigrations,
      ],
    });
    gemeente = await hub.partner('municipality', 'gemeente');
    ggz = await hub.partner('mental-health', 'ggz');
    for (const partner of [gemeente, ggz]) await cluster.createTopic(inbound(partner), 2);

    kafka = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    producer = kafka.producer();
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    const reader = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topics: [rejected(gemeente), rejected(ggz)], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        rejections.push({
          key: message.key?.toString() ?? null,
          problem: JSON.parse(message.value!.toString()),
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
          ),
        });
      },
    });
    stopReading = () => reader.disconnect();
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await stopReading?.();
    await producer?.disconnect();
    await admin?.disconnect();
    await hub?.close();
    if (started?.available) await started.cluster.stop();
  });

  const publish = async (
    partner: TestPartner,
    key: string,
    record: { headers: IHeaders; value: string | null },
  ) => {
    const [sent] = await producer.send({
      topic: inbound(partner),
      acks: -1,
      messages: [{ key, ...record }],
    });
    return { partition: sent!.partition, offset: sent!.baseOffset! };
  };

  const storedTypes = async (partner: TestPartner, reference: string) => {
    const clientId = await hub.clientOf(partner, reference);
    if (!clientId) return [];
    return (await hub.readStream(clientStream(clientId))).map((event) => event.type);
  };

  const rejectionOf = async (id: string) => {
    await waitUntil(() => rejections.some((r) => r.headers.ce_id === id), `the rejection of ${id}`);
    return rejections.find((r) => r.headers.ce_id === id)!;
  };

  const committed = async (partner: TestPartner, partition: number) => {
    const [offsets] = await admin.fetchOffsets({
      groupId: `${prefix}.intake`,
      topics: [inbound(partner)],
    });
    return BigInt(offsets!.partitions.find((p) => p.partition === partition)?.offset ?? '-1');
  };

  it('is skipped only for want of a broker', () => {
    if (!started.available) expect(started.reason).toMatch(/librdkafka/);
  });

  it(
    'records events published in binary and in structured mode, as over HTTP',
    async () => {
      if (!started.available) return;
      const subject = `GM-${randomUUID()}`;
      const bsn = validBsn();
      const enrolment = cloudEvent(gemeente, 'client-enrolled', subject, enrolmentData(bsn));
      const reference = `GGZ-${randomUUID()}`;
      const signal = cloudEvent(ggz, 'involvement-signalled', reference, { bsn });

      await publish(gemeente, subject, binaryMode(enrolment));
      await waitUntil(async () => (await storedTypes(gemeente, subject)).length > 0, 'enrolment');
      await publish(ggz, reference, {
        headers: { 'content-type': 'application/cloudevents+json' },
        value: JSON.stringify(signal),
      });

      await waitUntil(
        async () => (await storedTypes(gemeente, subject)).length === 2,
        'the signal',
      );
      expect(await storedTypes(gemeente, subject)).toEqual([
        'nl.samenloop.client-enrolled.v1',
        'nl.samenloop.involvement-signalled.v1',
      ]);
      expect(await hub.clientOf(ggz, reference)).toBe(await hub.clientOf(gemeente, subject));
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses a source naming another partner onto the rejected topic, with the problem and the record referenced',
    async () => {
      if (!started.available) return;
      const subject = `GM-${randomUUID()}`;
      // GGZ's topic, but the source claims the municipality.
      const forged = cloudEvent(gemeente, 'client-enrolled', subject, enrolmentData());

      const { partition, offset } = await publish(ggz, subject, binaryMode(forged));

      const rejection = await rejectionOf(forged.id as string);
      expect(rejection).toEqual({
        key: subject,
        problem: {
          type: `${PROBLEMS}source-mismatch`,
          title: 'The source is not the authenticated partner',
          status: 403,
          detail: `partner ${ggz.id} publishes as urn:samenloop:partner:${ggz.id}`,
          instance: `urn:samenloop:kafka:${inbound(ggz)}:${partition}:${offset}`,
        },
        headers: {
          'content-type': 'application/problem+json',
          'inbound-topic': inbound(ggz),
          'inbound-partition': String(partition),
          'inbound-offset': offset,
          ce_id: forged.id,
          ce_source: `urn:samenloop:partner:${gemeente.id}`,
          ce_type: 'nl.samenloop.client-enrolled.v1',
        },
      });
      expect(await hub.clientOf(gemeente, subject)).toBeUndefined();
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses an invalid event with the field paths, and a value that is not JSON',
    async () => {
      if (!started.available) return;
      const subject = `GM-${randomUUID()}`;
      const invalid = cloudEvent(gemeente, 'client-enrolled', subject, {
        ...enrolmentData(),
        startRung: 9,
      });
      const garbled = cloudEvent(gemeente, 'contact-attempted', subject, {});

      await publish(gemeente, subject, binaryMode(invalid));
      await publish(gemeente, subject, { ...binaryMode(garbled), value: '{"channel":' });

      expect((await rejectionOf(invalid.id as string)).problem).toMatchObject({
        type: `${PROBLEMS}invalid-event`,
        status: 400,
        errors: [{ path: 'data.startRung', message: expect.any(String) }],
      });
      expect((await rejectionOf(garbled.id as string)).problem).toMatchObject({
        type: `${PROBLEMS}malformed-body`,
        status: 400,
      });
      expect(await hub.clientOf(gemeente, subject)).toBeUndefined();
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'commits a record’s offset only after its event was appended',
    async () => {
      if (!started.available) return;
      const subject = `GM-${randomUUID()}`;
      // Wait for the intake to own the partitions and to have committed what came before.
      const warmUp = cloudEvent(gemeente, 'client-enrolled', `GM-${randomUUID()}`, enrolmentData());
      const before = await publish(gemeente, subject, binaryMode(warmUp));
      await waitUntil(
        async () => (await committed(gemeente, before.partition)) > BigInt(before.offset),
        'the intake to commit',
      );

      // Appends wait while the test holds the events table.
      // The app's pool, not the test database's: that one's drop races its idle connections.
      const blocker = await hub.app.get(Pool).connect();
      let sent: { partition: number; offset: string };
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
        sent = await publish(
          gemeente,
          subject,
          binaryMode(cloudEvent(gemeente, 'client-enrolled', subject, enrolmentData())),
        );
        await sleep(2_000);

        expect(await committed(gemeente, sent.partition)).toBe(BigInt(sent.offset));
      } finally {
        await blocker.query('ROLLBACK');
        blocker.release();
      }

      await waitUntil(
        async () => (await committed(gemeente, sent.partition)) > BigInt(sent.offset),
        'the commit after the append',
      );
      expect(await storedTypes(gemeente, subject)).toEqual(['nl.samenloop.client-enrolled.v1']);
    },
    RUN_TIMEOUT_MS,
  );
});
