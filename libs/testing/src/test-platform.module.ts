import type { DynamicModule } from '@nestjs/common';
import { EventStore } from '@samenloop/event-store';
import { AppConfig, HubSecrets } from '@samenloop/platform';
import { Pool } from 'pg';
import { testHubSecrets } from './test-secrets';

export interface TestPlatformOptions {
  /** The test database's pool, provided as the platform's `Pool`. */
  pool: Pool;
  /** Settings over a fixed admin token and no demo partners (nothing to print at start-up). */
  config?: Partial<AppConfig>;
  secrets?: HubSecrets;
  /** Provided as the global `EventStore` when given, in place of the EventStoreModule. */
  eventStore?: EventStore;
}

/**
 * Stands in for the platform's global ConfigModule, DatabaseModule and SecretsModule (and, given
 * a store, the global EventStoreModule), so a test can start one lib's module on its own.
 */
export function testPlatformModule(options: TestPlatformOptions): DynamicModule {
  const config = Object.assign(
    new AppConfig(),
    { SAMENLOOP_ADMIN_TOKEN: 'a'.repeat(32), DEMO_PARTNERS: 'off' },
    options.config,
  );
  const providers = [
    { provide: AppConfig, useValue: config },
    { provide: Pool, useValue: options.pool },
    { provide: HubSecrets, useValue: options.secrets ?? testHubSecrets() },
    ...(options.eventStore ? [{ provide: EventStore, useValue: options.eventStore }] : []),
  ];
  return {
    module: class TestPlatformModule {},
    global: true,
    providers,
    exports: providers.map((provider) => provider.provide),
  };
}
