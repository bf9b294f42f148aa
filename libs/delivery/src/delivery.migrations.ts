import type { Migration } from '@samenloop/platform';
import { partnerFeedMigrations } from './feed/partner-feed.migrations';
import { webhookMigrations } from './webhooks/webhook.migrations';

export const deliveryMigrations: Migration[] = [...partnerFeedMigrations, ...webhookMigrations];
