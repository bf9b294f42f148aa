import {
  Inject,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
} from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { Pool } from 'pg';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

class EventStoreCloser implements BeforeApplicationShutdown {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  // Before shutdown rather than on it: the DatabaseModule ends the pool on shutdown, and the
  // store's subscriptions and last NOTIFY must be done by then.
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

function createEventStore(config: AppConfig, pool: Pool): EventStore {
  switch (config.EVENT_STORE) {
    case 'postgres': {
      const logger = new Logger('EventStore');
      return new PostgresEventStore(pool, { log: (line) => logger.warn(line) });
    }
    case 'kurrentdb':
      if (!config.KURRENTDB_URL) throw new Error('EVENT_STORE=kurrentdb needs KURRENTDB_URL');
      return new KurrentDbEventStore(config.KURRENTDB_URL);
  }
}

/**
 * Provides the `EventStore` port with the adapter chosen by `EVENT_STORE`. Needs `AppConfig`
 * (the platform ConfigModule) and the `pg` Pool (the platform DatabaseModule), both global.
 */
@Module({})
export class EventStoreModule {
  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      // One store per process: its subscriptions share one LISTEN connection.
      global: true,
      providers: [
        { provide: EventStore, inject: [AppConfig, Pool], useFactory: createEventStore },
        EventStoreCloser,
      ],
      exports: [EventStore],
    };
  }
}
