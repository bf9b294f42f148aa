import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeliveryModule,
  deliveryMigrations,
  FeedConsumer,
  KafkaModule,
  kafkaMigrations,
  KafkaWorkers,
  PartnerFeed,
  type FeedEntry,
} from '@samenloop/delivery';
import { auditMigrations } from '@samenloop/audit';
import { keyVaultMigrations } from '@samenloop/privacy';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { HubSecrets, KafkaSettings } from '@samenloop/platform';
import {
  cloudEvent,
  type CloudEventJson,
  firstSeenPerKey,
  type KafkaTestCluster,
  type KafkaTestClusterResult,
  type ReadRecord,
  startKafkaTestCluster,
  testKafka,
  TopicReader,
  waitUntil,
} from '@samenloop/testing';
import { Pool } from 'pg';
import { enrolClient, publishBatch } from './support/cloud-events';
import { HubHarness, type TestPartner } from './support/hub-harness';

// The Kafka relay end to end: events published over HTTP, materialized into the partner feed, and
// produced to each partner's topic, read back by consumer groups as partners read them.
const ROOT = join(__dirname, '..');
const RUN_TIMEOUT_MS = 180_000;

function byId(records: readonly ReadRecord[]): ReadRecord[] {
  return [...records].sort((a, b) => a.headers.ce_id!.localeCompare(b.headers.ce_id!));
}

/** A partner's feed as ce_ids per subject, in feed order. */
function perSubject(entries: readonly FeedEntry[]): Record<string, string[]> {
  const perKey: Record<string, string[]> = {};
  for (const entry of entries) (perKey[entry.subject] ??= []).push(entry.event.id);
  return perKey;
}

/** The record the CloudEvents Kafka binding (binary mode) makes of a feed entry. */
function bindingOf(entry: FeedEntry): ReadRecord {
  const { data, datacontenttype, ...attributes } = entry.event;
  return {
    topic: expect.any(String),
    partition: expect.any(Number),
    offset: expect.any(String),
    key: entry.subject,
    value: JSON.stringify(data),
    headers: {
      'content-type': datacontenttype,
      ...Object.fromEntries(
        Object.entries(attributes).map(([name, value]) => [`ce_${name}`, String(value)]),
      ),
    },
  };
}

interface Scene {
  hub: HubHarness;
  prefix: string;
  gemeente: TestPartner;
  ggz: TestPartner;
  werk: TestPartner;
  topics: string[];
  topicOf: (partner: TestPartner) => string;
}

/** A hub with the intake, the feed and the Kafka module; its relay runs only if `relayInHub`. */
async function startScene(cluster: KafkaTestCluster, relayInHub: boolean): Promise<Scene> {
  const prefix = `e2e${randomBytes(4).toString('hex')}`;
  const delivery = DeliveryModule.forRoot();
  const hub = await HubHarness.start({
    imports: [
      IntakeModule,
      delivery,
      KafkaModule.forRoot({
        feed: delivery,
        settings: new KafkaSettings({
          brokers: cluster.brokers,
          topicPrefix: prefix,
          workers: relayInHub,
        }),
        tuning: { relay: { batchSize: 50, standbyRetryMs: 200 } },
      }),
    ],
    migrations: [
      // The harness runs the key vault's itself.
      ...auditMigrations.filter((migration) => !keyVaultMigrations.includes(migration)),
      ...intakeMigrations,
      ...deliveryMigrations,
      ...kafkaMigrations,
    ],
  });
  const gemeente = await hub.partner('municipality', 'gemeente');
  const ggz = await hub.partner('mental-health', 'ggz');
  const werk = await hub.partner('work-company', 'werk');
  const topicOf = (partner: TestPartner) => `${prefix}.${partner.id}.events.v1`;
  const topics = [gemeente, ggz, werk].map(topicOf);
  // Several partitions, so that keeping each client's order is the key's doing.
  for (const topic of topics) await cluster.createTopic(topic, 3);
  return { hub, prefix, gemeente, ggz, werk, topics, topicOf };
}

/** Enrols `clients` clients, involves GGZ and the work company, and has each publish contacts. */
async function journey(scene: Scene, clients: number, contactsPerPartner: number): Promise<void> {
  const { hub, gemeente, ggz, werk } = scene;
  for (let n = 0; n < clients; n += 1) {
    const client = await enrolClient(hub, gemeente);
    const references = new Map<TestPartner, string>([[gemeente, client.subject]]);
    for (const partner of [ggz, werk]) {
      const reference = `${partner.id}-${randomUUID()}`;
      references.set(partner, reference);
      await expectStored(hub, partner, [
        cloudEvent(partner, 'involvement-signalled', reference, { bsn: client.bsn }),
      ]);
    }
    for (const [partner, reference] of references) {
      await expectStored(
        hub,
        partner,
        Array.from({ length: contactsPerPartner }, (_, i) =>
          cloudEvent(partner, 'contact-attempted', reference, {
            channel: i % 2 === 0 ? 'phone' : 'letter',
            outcome: 'no-answer',
          }),
        ),
      );
    }
  }
}

async function expectStored(hub: HubHarness, partner: TestPartner, events: CloudEventJson[]) {
  const response = await publishBatch(hub, partner, events);
  const refused = (response.body?.results ?? []).filter(
    (result: { status: number }) => result.status >= 300,
  );
  if (response.status !== 200 || refused.length > 0) {
    throw new Error(`publishing failed: ${response.status} ${JSON.stringify(refused)}`);
  }
}

/** Waits until the feed holds every stored event, then answers each partner's whole feed. */
async function settledFeeds(scene: Scene): Promise<Map<TestPartner, FeedEntry[]>> {
  const { hub, gemeente, ggz, werk } = scene;
  await waitUntil(async () => {
    // The app's pool, not the test database's: that one's drop races its idle connections.
    const { rows } = await hub.app
      .get(Pool)
      .query<{ head: string | null }>('SELECT max(position) AS head FROM events');
    return hub.app.get(FeedConsumer).status().checkpoint === Number(rows[0]!.head);
  }, 'the feed to catch up with the store');
  const feed = hub.app.get(PartnerFeed);
  return new Map(
    await Promise.all(
      [gemeente, ggz, werk].map(
        async (partner) => [partner, await feed.readPartner(partner.id, 0, 100_000)] as const,
      ),
    ),
  );
}

/** Waits until every partner's topic holds its whole feed, then checks order and content. */
async function expectTopicsHoldFeeds(scene: Scene, reader: TopicReader): Promise<void> {
  const feeds = await settledFeeds(scene);
  for (const [partner, entries] of feeds) {
    const topic = scene.topicOf(partner);
    const distinct = () => new Set(reader.on(topic).map((r) => r.headers.ce_id)).size;
    await waitUntil(() => distinct() >= entries.length, `${entries.length} events on ${topic}`);
    expect(entries.length).toBeGreaterThan(0);
    expect(Object.fromEntries(firstSeenPerKey(reader.on(topic)))).toEqual(perSubject(entries));
  }
}

describe('the Kafka relay (end to end)', () => {
  let started: KafkaTestClusterResult;

  beforeAll(async () => {
    started = await startKafkaTestCluster();
    if (!started.available) process.stderr.write(`\nKAFKA TESTS SKIPPED: ${started.reason}\n\n`);
  });
  afterAll(async () => {
    if (started?.available) await started.cluster.stop();
  });

  it('is skipped only for want of a broker', () => {
    if (!started.available) expect(started.reason).toMatch(/librdkafka/);
  });

  describe('in the hub process', () => {
    let scene: Scene;
    const readers: TopicReader[] = [];

    beforeAll(async () => {
      if (started.available) scene = await startScene(started.cluster, true);
    }, RUN_TIMEOUT_MS);
    afterEach(async () => {
      await Promise.all(readers.splice(0).map((reader) => reader.stop()));
    });
    afterAll(() => scene?.hub.close());

    const reader = async () => {
      const created = await TopicReader.start(
        testKafka(started.available ? started.cluster.brokers : []),
        scene.topics,
      );
      readers.push(created);
      return created;
    };

    it(
      'gives each partner exactly its feed, binary mode, keyed by its reference, in order per client',
      async () => {
        if (!started.available) return;
        await journey(scene, 3, 4);

        const read = await reader();

        await expectTopicsHoldFeeds(scene, read);
        const feeds = await settledFeeds(scene);
        for (const [partner, entries] of feeds) {
          // Exactly the feed: no event of another partner, none twice, each as the binding says.
          // (Across partitions records arrive interleaved; the order per client is checked above.)
          expect(byId(read.on(scene.topicOf(partner)))).toEqual(byId(entries.map(bindingOf)));
        }
        expect(scene.hub.app.get(KafkaWorkers).status().relay).toMatchObject({
          leader: true,
          checkpoint: await scene.hub.app.get(PartnerFeed).headSeq(),
        });
      },
      RUN_TIMEOUT_MS,
    );

    it(
      'delivers the backlog in order after the broker was down mid-stream',
      async () => {
        if (!started.available || started.cluster.kind !== 'mock') return;
        const { cluster } = started;
        const read = await reader();
        await journey(scene, 1, 3);

        await cluster.brokerDown();
        try {
          await journey(scene, 2, 5);
          await waitUntil(
            () => scene.hub.app.get(KafkaWorkers).status().relay?.lastError !== undefined,
            'the relay to notice the outage',
          );
        } finally {
          await cluster.brokerUp();
        }

        await expectTopicsHoldFeeds(scene, read);
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('as its own process (apps/relay)', () => {
    let scene: Scene;
    let reader: TopicReader;
    const processes: RelayProcess[] = [];

    beforeAll(async () => {
      if (!started.available) return;
      scene = await startScene(started.cluster, false);
      reader = await TopicReader.start(testKafka(started.cluster.brokers), scene.topics);
    }, RUN_TIMEOUT_MS);
    afterAll(async () => {
      await Promise.all(processes.map((relay) => relay.stop('SIGKILL')));
      await reader?.stop();
      await scene?.hub.close();
    });

    const startRelay = async () => {
      const relay = RelayProcess.start(
        relayEnv(scene, started.available ? started.cluster : undefined),
      );
      processes.push(relay);
      await relay.ready();
      return relay;
    };

    it(
      'loses nothing and keeps each client’s order when killed and restarted mid-stream',
      async () => {
        if (!started.available) return;
        const first = await startRelay();
        const publishing = journey(scene, 6, 10);
        await waitUntil(() => reader.records.length >= 40, 'the relay to be under way');

        await first.stop('SIGKILL');
        const second = await startRelay();
        await publishing;

        await expectTopicsHoldFeeds(scene, reader);
        const stopped = await second.stop('SIGTERM');
        expect(stopped.code).toBe(0);
      },
      RUN_TIMEOUT_MS,
    );
  });
});

/** The environment of a relay process on the scene's database, with the hub's keys. */
function relayEnv(scene: Scene, cluster: KafkaTestCluster | undefined): Record<string, string> {
  const secrets = scene.hub.app.get(HubSecrets);
  return {
    DATABASE_URL: scene.hub.db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DEMO_PARTNERS: 'off',
    // Unused (every key is given), but never the project's own .data.
    DATA_DIR: join(tmpdir(), `samenloop-relay-${scene.prefix}`),
    SAMENLOOP_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    SAMENLOOP_MASTER_KEY: secrets.masterKey.toString('base64'),
    SAMENLOOP_BSN_HASH_KEY: secrets.bsnHashKey.toString('base64'),
    SAMENLOOP_PSEUDONYM_KEY: secrets.pseudonymKey.toString('base64'),
    KAFKA_BROKERS: cluster?.brokers.join(',') ?? '',
    KAFKA_TOPIC_PREFIX: scene.prefix,
  };
}

/** `dist/apps/relay/src/main.js` (built by the e2e global setup) as operators run it. */
class RelayProcess {
  private output = '';
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  static start(env: Record<string, string>): RelayProcess {
    const { DATABASE_URL: _inherited, ...rest } = process.env;
    return new RelayProcess(
      spawn(process.execPath, [join(ROOT, 'dist/apps/relay/src/main.js')], {
        cwd: ROOT,
        env: { ...rest, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
  }

  /** Resolves once the relay listens and answers /health/ready, and its relay started. */
  async ready(): Promise<void> {
    let url: string | undefined;
    await waitUntil(() => {
      if (this.child.exitCode !== null) throw new Error(`the relay exited:\n${this.output}`);
      url = /listening on (http:\/\/\S+?)[\s"]/.exec(this.output)?.[1];
      return url !== undefined;
    }, 'the relay to listen');
    await waitUntil(async () => {
      const response = await fetch(`${url}/health/ready`).catch(() => undefined);
      return response?.status === 200;
    }, 'the relay to be ready');
  }

  async stop(
    signal: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exit;
  }
}
