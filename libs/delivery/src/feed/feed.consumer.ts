import { Injectable, Logger } from '@nestjs/common';
import { EVENT_TYPES } from '@samenloop/domain';
import { CheckpointedConsumer, type ConsumerStatus, EventStore } from '@samenloop/event-store';
import { poolSessions } from '@samenloop/platform';
import { Pool } from 'pg';
import { FeedMaterializer } from './feed-materializer';

/** The checkpoint and leadership lock of the partner feed's materializer. */
export const FEED_CONSUMER_NAME = 'delivery-feed';

/**
 * Follows the global log and materializes the partner feed. One instance leads across processes;
 * the others stand by. Started by the delivery workers, not on construction.
 */
@Injectable()
export class FeedConsumer {
  private readonly consumer: CheckpointedConsumer;

  constructor(store: EventStore, pool: Pool, materializer: FeedMaterializer) {
    const logger = new Logger(FeedConsumer.name);
    // Sessions that survive a dropped connection while idle, instead of crashing the process.
    const sessions = poolSessions(pool, (error) => logger.warn(error.message));
    this.consumer = new CheckpointedConsumer(store, sessions, {
      name: FEED_CONSUMER_NAME,
      types: EVENT_TYPES,
      batchSize: 200,
      handle: (events, transaction) => materializer.handle(events, transaction),
      log: (line) => logger.warn(line),
    });
  }

  start(): void {
    this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }

  status(): ConsumerStatus {
    return this.consumer.status();
  }
}
