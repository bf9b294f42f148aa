/**
 * The delivery benchmark (`npm run bench:delivery`), in one run on one machine:
 * 1. Kafka relay throughput: the relay producing the whole partner feed (read from PostgreSQL,
 *    checkpointed per batch) beside raw kafkajs producing the same records to the same broker.
 * 2. Append-to-SSE latency through `GET /v1/feed/stream` at steady rates: the target rate (200/s),
 *    a quiet one (20/s) and a peak (500/s), where the question is whether the hub keeps up.
 * The events come in through the HTTP intake of the built hub (`dist/apps/hub`, its own process,
 * Kafka off), whose feed materializer fills the feed and which serves the SSE; the relay under
 * test runs in this process on that feed. Prints the results and writes the "Delivery" section
 * of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench makes and drops
 * its own database), KAFKA_BROKERS (a cluster instead of librdkafka's mock), BENCH_DELIVERY_EVENTS
 * (published contacts, 5,000), BENCH_DELIVERY_CLIENTS (200), BENCH_DELIVERY_ROUNDS (3),
 * BENCH_DELIVERY_BATCH (1,000, the relay's default), BENCH_SSE_RATE (200/s), BENCH_SSE_BATCH (1
 * event per request at that rate), BENCH_SSE_PEAK_RATE (500/s), BENCH_SSE_PEAK_BATCH (10),
 * BENCH_SSE_QUIET_RATE (20/s, one event per request, for information), BENCH_SSE_DURATION_S (10),
 * BENCH_SSE_WARMUP_S (2), BENCH_DELIVERY_WRITE=off (print only; BENCH_WRITE=off for every bench).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { openBenchDatabase, serverVersion } from './bench-database';
import { numberFromEnv, writesReport } from './bench-env';
import { loadAtStart } from './bench-load';
import { runBench } from './bench-main';
import { startBenchBroker } from './delivery-broker';
import { openFeedContext } from './delivery-feed-context';
import { renderDeliverySection, type DeliveryRun } from './delivery-report';
import { measureSseLatency } from './delivery-sse-latency';
import { measureThroughput } from './delivery-throughput';
import {
  createPartner,
  enrolClients,
  publishContacts,
  waitForFeed,
  type BenchPartner,
} from './delivery-workload';
import { startServer } from './intake-processes';
import { describeMachine, packageVersion, publishSection } from './report';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Delivery (npm run bench:delivery)';
const HUB_SCRIPT = join(ROOT, 'dist/apps/hub/src/main.js');

const EVENTS = numberFromEnv('BENCH_DELIVERY_EVENTS', 5_000);
const CLIENTS = numberFromEnv('BENCH_DELIVERY_CLIENTS', 200);
const ROUNDS = numberFromEnv('BENCH_DELIVERY_ROUNDS', 3);
const BATCH = numberFromEnv('BENCH_DELIVERY_BATCH', 1_000);
const SSE_RATE = numberFromEnv('BENCH_SSE_RATE', 200);
const SSE_BATCH = numberFromEnv('BENCH_SSE_BATCH', 1);
const SSE_PEAK_RATE = numberFromEnv('BENCH_SSE_PEAK_RATE', 500);
const SSE_PEAK_BATCH = numberFromEnv('BENCH_SSE_PEAK_BATCH', 10);
const SSE_QUIET_RATE = numberFromEnv('BENCH_SSE_QUIET_RATE', 20);
const SSE_DURATION_S = numberFromEnv('BENCH_SSE_DURATION_S', 10);
const SSE_WARMUP_S = numberFromEnv('BENCH_SSE_WARMUP_S', 2);
const WRITE = writesReport('BENCH_DELIVERY_WRITE');

const log = (line: string) => process.stderr.write(`[bench:delivery] ${line}\n`);

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const startedAt = new Date();
  const loadBefore = loadAtStart(log);
  const db = await openBenchDatabase(log);
  const broker = await startBenchBroker().catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  log(`Kafka: ${broker.description} at ${broker.cluster.brokers.join(',')}`);
  const workDir = await mkdtemp(join(tmpdir(), 'samenloop-bench-delivery-'));
  const key = () => randomBytes(32).toString('base64');
  const adminToken = randomBytes(24).toString('base64url');
  const env = {
    DATABASE_URL: db.url,
    DATA_DIR: join(workDir, 'data'),
    LOG_LEVEL: 'warn',
    DEMO_PARTNERS: 'off',
    // The per-caller rate limit would refuse the fill: the bench measures delivery, not limits.
    RATE_LIMIT_PER_SECOND: '0',
    BSN_SIGNALS_PER_MINUTE: '100000',
    SHARING_CONFIG: join(ROOT, 'config/sharing.yaml'),
    SAMENLOOP_ADMIN_TOKEN: adminToken,
    SAMENLOOP_MASTER_KEY: key(),
    SAMENLOOP_BSN_HASH_KEY: key(),
    SAMENLOOP_PSEUDONYM_KEY: key(),
  };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let context: Awaited<ReturnType<typeof openFeedContext>> | undefined;
  try {
    server = await startServer({
      script: HUB_SCRIPT,
      cwd: ROOT,
      // Kafka off in the hub: the relay under test runs here, alone.
      env: { ...env, KAFKA_BROKERS: '' },
      logFile: join(workDir, 'hub.log'),
      readyPath: '/health/ready',
      ready: (status) => status === 200,
    });
    log(`hub ready at ${server.url}`);
    context = await openFeedContext(env);

    const partner = (name: string, kind: string) =>
      createPartner(server!.url, adminToken, name, kind);
    const gemeente = await partner('gemeente', 'municipality');
    const others: BenchPartner[] = [
      await partner('ggz', 'mental-health'),
      await partner('werk', 'work-company'),
    ];
    const clients = await enrolClients(server.url, gemeente, others, CLIENTS);
    await publishContacts(server.url, [gemeente, ...others], clients, EVENTS, log);
    await waitForFeed(context.pool);

    const throughput = await measureThroughput({
      feed: context.feed,
      accessLog: context.accessLog,
      pool: context.pool,
      brokers: broker.cluster.brokers,
      rounds: ROUNDS,
      batchSize: BATCH,
      log,
    });

    // A fresh pair per rate, so that each stream starts near its end and no backlog carries over;
    // the quiet rate first and the peak last, before either can leave the hub's workers behind.
    const latencyAt = async (rate: number, batch: number, name: string) => {
      const publisher = await partner(`gemeente-${name}`, 'municipality');
      const reader = await partner(`ggz-${name}`, 'mental-health');
      const sseClients = await enrolClients(server!.url, publisher, [reader], 50);
      await waitForFeed(context!.pool);
      return measureSseLatency({
        url: server!.url,
        publisher,
        reader,
        clients: sseClients,
        rate,
        batch,
        durationS: SSE_DURATION_S,
        warmupS: SSE_WARMUP_S,
        materializedAt: (ids) => materializedAt(context!.pool, reader.id, ids),
        log,
      });
    };
    const quietLatency = await latencyAt(SSE_QUIET_RATE, 1, 'quiet');
    const latency = await latencyAt(SSE_RATE, SSE_BATCH, 'sse');
    const peakLatency = await latencyAt(SSE_PEAK_RATE, SSE_PEAK_BATCH, 'peak');

    const run: DeliveryRun = {
      startedAt,
      minutes: (Date.now() - startedAt.getTime()) / 60_000,
      machine: await describeMachine(),
      load: [loadBefore, loadavg()[0]!],
      versions: {
        node: process.version,
        kafkajs: await packageVersion(ROOT, 'kafkajs'),
        pg: await packageVersion(ROOT, 'pg'),
        nest: await packageVersion(ROOT, '@nestjs/core'),
        postgres: await serverVersion(context.pool),
        database: db.server,
        broker: broker.description,
      },
      throughput,
      latency,
      quietLatency,
      peakLatency,
    };
    await publishSection(join(ROOT, 'BENCHMARKS.md'), HEADING, renderDeliverySection(run), {
      write: WRITE,
      log,
    });
  } catch (error) {
    // The hub's log tells why it stopped answering, if it did.
    const hubLog = await readFile(join(workDir, 'hub.log'), 'utf8').catch(() => '');
    log(`the hub's log ends:\n${hubLog.slice(-3_000)}`);
    throw error;
  } finally {
    await context?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await broker.cluster.stop().catch(() => undefined);
    await db.drop().catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}

/** When the reader's feed rows of these events were written, by CloudEvent id. */
async function materializedAt(pool: Pool, readerId: string, ids: string[]) {
  // created_at is the materializer's transaction time: when the row was written.
  const { rows } = await pool.query<{ id: string; at: Date }>(
    `SELECT event->>'id' AS id, created_at AS at FROM partner_feed
     WHERE partner_id = $1 AND event->>'id' = ANY($2)`,
    [readerId, ids],
  );
  return new Map(rows.map(({ id, at }) => [id, at.getTime()]));
}

runBench('delivery', main);
