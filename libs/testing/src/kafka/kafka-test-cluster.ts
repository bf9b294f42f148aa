import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { promisify } from 'node:util';

export interface KafkaTestCluster {
  brokers: string[];
  /** Whether this is librdkafka's mock (no admin API, no idempotent producer) or a real cluster. */
  kind: 'mock' | 'external';
  /** Stops and restarts a broker of the mock to simulate an outage; not possible on an external cluster. */
  brokerDown(id?: number): Promise<void>;
  brokerUp(id?: number): Promise<void>;
  createTopic(topic: string, partitions: number): Promise<void>;
  stop(): Promise<void>;
}

export type KafkaTestClusterResult =
  { available: true; cluster: KafkaTestCluster } | { available: false; reason: string };

// The project root, from the sources (tests) or compiled under dist/ (the delivery bench), which
// holds no copy of the C source.
const ROOT = join(__dirname, '../../../..').replace(/[/\\]dist$/, '');
const SOURCE = join(ROOT, 'libs/testing/src/kafka/kafka-mock-cluster.c');

/**
 * A Kafka-protocol broker for tests: the cluster at KAFKA_BROKERS when set, else librdkafka's mock
 * cluster compiled from kafka-mock-cluster.c (needs Debian's librdkafka-dev and a C compiler,
 * which `.ci/run` installs). When neither is possible it says why instead of failing.
 */
export async function startKafkaTestCluster(): Promise<KafkaTestClusterResult> {
  const external = process.env.KAFKA_BROKERS;
  if (external) return { available: true, cluster: externalCluster(external.split(',')) };
  let binary: string;
  try {
    binary = await compiledMock();
  } catch (error) {
    return {
      available: false,
      reason: `no Kafka broker: KAFKA_BROKERS is unset and librdkafka's mock cluster could not be built (${(error as Error).message.split('\n')[0]}); install librdkafka-dev`,
    };
  }
  return { available: true, cluster: await mockCluster(binary) };
}

async function compiledMock(): Promise<string> {
  const source = await readFile(SOURCE);
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const directory = join(ROOT, 'node_modules/.cache/samenloop');
  const binary = join(directory, `kafka-mock-cluster-${digest}`);
  try {
    await access(binary);
    return binary;
  } catch {
    await mkdir(directory, { recursive: true });
    // Built under a temporary name first so concurrent test files never run a half-written binary.
    const partial = `${binary}.${process.pid}`;
    await promisify(execFile)('cc', ['-O1', '-o', partial, SOURCE, '-lrdkafka']);
    await promisify(execFile)('mv', ['-f', partial, binary]);
    return binary;
  }
}

async function mockCluster(binary: string): Promise<KafkaTestCluster> {
  const child = spawn(binary, ['1'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout });
  const bootstrap = await nextLine(lines, child);
  const brokers = bootstrap.replace(/^bootstrap /, '').split(',');
  const command = async (text: string, expected: RegExp) => {
    child.stdin.write(`${text}\n`);
    const answer = await nextLine(lines, child);
    if (!expected.test(answer)) throw new Error(`kafka mock: "${text}" answered "${answer}"`);
  };
  return {
    brokers,
    kind: 'mock',
    brokerDown: (id = 1) => command(`down ${id}`, /^down \d+ 0$/),
    brokerUp: (id = 1) => command(`up ${id}`, /^up \d+ 0$/),
    createTopic: (topic, partitions) => command(`create ${topic} ${partitions}`, /^created \S+ 0$/),
    stop: async () => {
      child.stdin.end('quit\n');
      await new Promise((resolve) => child.once('close', resolve));
    },
  };
}

function nextLine(lines: Interface, child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`kafka mock exited (${code})`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      resolve(line);
    });
  });
}

function externalCluster(brokers: string[]): KafkaTestCluster {
  const unsupported = async () => {
    throw new Error('broker outages can only be simulated on the mock cluster');
  };
  return {
    brokers,
    kind: 'external',
    brokerDown: unsupported,
    brokerUp: unsupported,
    // Real clusters create topics through the admin API, which the code under test uses itself.
    createTopic: async () => undefined,
    stop: async () => undefined,
  };
}
