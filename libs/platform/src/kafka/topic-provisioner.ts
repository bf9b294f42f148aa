import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';

/** After a failed creation, how long before the same topics are tried again. */
const RETRY_AFTER_MS = 60_000;

/**
 * Creates partner topics that do not exist yet, through the admin API. Where the admin API is
 * unavailable (librdkafka's mock cluster, or a user without CreateTopics rights) it says so once and
 * relies on the broker creating topics on first use or on topics an operator made: delivery must
 * not stop for it. Topics are created with the broker's default partitions and replication.
 */
export class TopicProvisioner {
  private readonly logger = new Logger('KafkaTopics');
  private readonly ready = new Set<string>();
  private readonly failedAt = new Map<string, number>();
  private warned = false;

  constructor(private readonly kafka: Kafka) {}

  async ensure(topics: Iterable<string>): Promise<void> {
    const now = Date.now();
    const missing = [...new Set(topics)].filter(
      (topic) =>
        !this.ready.has(topic) && now - (this.failedAt.get(topic) ?? -Infinity) > RETRY_AFTER_MS,
    );
    if (missing.length === 0) return;
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic })),
        waitForLeaders: true,
      });
      for (const topic of missing) this.ready.add(topic);
      this.logger.debug(`topics ensured: ${missing.join(', ')}`);
    } catch (error) {
      for (const topic of missing) this.failedAt.set(topic, now);
      const line = `cannot create topics with the admin API (${(error as Error).message}); relying on the broker to create them on first use`;
      if (this.warned) this.logger.debug(line);
      else this.logger.warn(line);
      this.warned = true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
