import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventStore, EventStoreModule } from '@samenloop/event-store';
import { AppConfig } from '@samenloop/platform';
import { Pool } from 'pg';

export interface OpenedEventStore {
  store: EventStore;
  close(): Promise<void>;
}

/**
 * The event store the hub is configured with (EVENT_STORE), built by the event-store lib's own
 * module on a pool the command opened; closing it leaves the pool to the command.
 */
export async function openEventStore(config: AppConfig, pool: Pool): Promise<OpenedEventStore> {
  @Global()
  @Module({
    providers: [
      { provide: AppConfig, useValue: config },
      { provide: Pool, useValue: pool },
    ],
    exports: [AppConfig, Pool],
  })
  class CommandConnection {}

  const root: DynamicModule = {
    module: class EventStoreContext {},
    imports: [CommandConnection, EventStoreModule.forRoot()],
  };
  const context = await NestFactory.createApplicationContext(root, { logger: false });
  return { store: context.get(EventStore), close: () => context.close() };
}
