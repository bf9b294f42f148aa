/**
 * The partner feed inside the bench process, for the relay to read: the delivery lib's own
 * PostgresPartnerFeed on the bench database, with WORKERS=off so that this process materializes
 * nothing (the hub does).
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeliveryAccessLog, DeliveryModule, PartnerFeed } from '@samenloop/delivery';
import { EventStoreModule } from '@samenloop/event-store';
import { ConfigModule, DatabaseModule, SecretsModule } from '@samenloop/platform';
import { Pool } from 'pg';

export interface FeedContext {
  feed: PartnerFeed;
  accessLog: DeliveryAccessLog;
  pool: Pool;
  close(): Promise<void>;
}

/** `env`: the hub's database and keys, so identities decrypt alike. */
export async function openFeedContext(env: Record<string, string>): Promise<FeedContext> {
  @Module({
    imports: [
      ConfigModule,
      // The hub has migrated the database, its own and the relay's tables alike.
      DatabaseModule.forRoot([]),
      SecretsModule,
      EventStoreModule.forRoot(),
      DeliveryModule.forRoot(),
    ],
  })
  class BenchFeedModule {}

  const saved = { ...process.env };
  Object.assign(process.env, env, { WORKERS: 'off' });
  try {
    const app = await NestFactory.createApplicationContext(BenchFeedModule, {
      logger: ['error', 'warn'],
    });
    return {
      feed: app.get(PartnerFeed),
      accessLog: app.get(DeliveryAccessLog),
      pool: app.get(Pool),
      close: () => app.close(),
    };
  } finally {
    process.env = saved;
  }
}
