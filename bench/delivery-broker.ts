/**
 * The delivery bench's Kafka broker: the testing lib's, i.e. the cluster at KAFKA_BROKERS when set,
 * else librdkafka's mock cluster (one broker).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startKafkaTestCluster, type KafkaTestCluster } from '@samenloop/testing';

export interface BenchBroker {
  cluster: KafkaTestCluster;
  /** What it is, for the report. */
  description: string;
}

export async function startBenchBroker(): Promise<BenchBroker> {
  const started = await startKafkaTestCluster();
  if (!started.available) throw new Error(started.reason);
  const { cluster } = started;
  return {
    cluster,
    description:
      cluster.kind === 'mock'
        ? `librdkafka's mock cluster (librdkafka ${await librdkafkaVersion()}), 1 broker`
        : `KAFKA_BROKERS (${cluster.brokers.join(',')})`,
  };
}

async function librdkafkaVersion(): Promise<string> {
  const { stdout } = await promisify(execFile)('dpkg-query', [
    '-W',
    '-f=${Version}',
    'librdkafka-dev',
  ]).catch(() => ({ stdout: 'unknown' }));
  return stdout.trim();
}
