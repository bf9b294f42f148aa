import { type DynamicModule, Module } from '@nestjs/common';
import { AccessLogModule, KeyVaultModule } from '@samenloop/privacy';
import { AppConfig } from '@samenloop/platform';
import { SharingModule } from '@samenloop/sharing';
import { AuditedDeliveryAccess } from './access/audited-delivery-access';
import { DeliveryAccessLog } from './access/delivery-access-log';
import { DeliverySettings } from './delivery.settings';
import { DeliveryWorkers } from './delivery-workers';
import { FeedConsumer } from './feed/feed.consumer';
import { FeedMaterializer } from './feed/feed-materializer';
import { IdentityResolver } from './feed/identity-resolver';
import { PartnerFeed } from './feed/partner-feed-types';
import { PostgresPartnerFeed } from './feed/postgres-partner-feed';
import { DeliveryShutdown } from './http-feed/delivery-shutdown';
import { FeedController } from './http-feed/feed.controller';
import { OpenStreams } from './http-feed/open-streams';
import { HostResolver, SystemHostResolver } from './webhooks/host-resolver';
import { SubscriptionsController } from './webhooks/subscriptions.controller';
import { WebhookBackoff, webhookBackoff } from './webhooks/webhook-backoff';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookEndpoints } from './webhooks/webhook-endpoints';
import { WebhookSecretCipher } from './webhooks/webhook-secret-cipher';
import { WebhookSender } from './webhooks/webhook-sender';
import { WebhookSubscriptionStore } from './webhooks/webhook-subscription.store';

export interface DeliveryModuleOptions {
  /** The partner-facing routes (/v1/feed, /v1/subscriptions); off in a workers-only process. */
  http?: boolean;
  /** Shorter timings, for tests. */
  settings?: Partial<DeliverySettings>;
  webhookBackoff?: WebhookBackoff;
}

/**
 * What each partner receives: the partner feed (materialized from the event store), served over
 * HTTP (pages, long-polling, server-sent events) and pushed to webhooks. Needs the platform's
 * global ConfigModule, DatabaseModule (with `auditMigrations` and `deliveryMigrations`) and
 * SecretsModule, and the
 * global EventStoreModule.
 */
@Module({})
export class DeliveryModule {
  static forRoot(options: DeliveryModuleOptions = {}): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [SharingModule, KeyVaultModule, AccessLogModule],
      controllers: options.http === false ? [] : [FeedController, SubscriptionsController],
      providers: [
        {
          provide: DeliverySettings,
          useValue: Object.assign(new DeliverySettings(), options.settings),
        },
        {
          provide: WebhookBackoff,
          useFactory: (config: AppConfig) =>
            options.webhookBackoff ?? webhookBackoff(config.WEBHOOK_FIRST_RETRY_MS),
          inject: [AppConfig],
        },
        { provide: DeliveryAccessLog, useClass: AuditedDeliveryAccess },
        IdentityResolver,
        PostgresPartnerFeed,
        { provide: PartnerFeed, useExisting: PostgresPartnerFeed },
        FeedMaterializer,
        FeedConsumer,
        DeliveryShutdown,
        OpenStreams,
        { provide: HostResolver, useClass: SystemHostResolver },
        WebhookEndpoints,
        WebhookSubscriptionStore,
        WebhookSecretCipher,
        WebhookSender,
        WebhookDispatcher,
        DeliveryWorkers,
      ],
      exports: [PartnerFeed, DeliveryAccessLog, FeedConsumer],
    };
  }
}
