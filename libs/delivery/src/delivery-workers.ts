import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { FeedConsumer } from './feed/feed.consumer';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher';

/** The feed materializer and the webhook dispatcher, run by every process unless WORKERS=off. */
@Injectable()
export class DeliveryWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorkers.name);

  constructor(
    private readonly config: AppConfig,
    private readonly feedConsumer: FeedConsumer,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WORKERS === 'off') {
      this.logger.log('WORKERS=off: the partner feed and webhooks are served, not produced');
      return;
    }
    // Each waits as a standby while another process leads.
    this.feedConsumer.start();
    this.dispatcher.start();
  }

  // Before the event store closes and the pool ends (both at shutdown, after this).
  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.feedConsumer.stop(), this.dispatcher.stop()]);
  }
}
