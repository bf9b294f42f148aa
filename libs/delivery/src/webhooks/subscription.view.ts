import { ApiProperty } from '@nestjs/swagger';
import type { WebhookSubscription } from './webhook-subscription-types';

export class SubscriptionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ type: [String], nullable: true })
  types!: string[] | null;

  @ApiProperty({ type: [String], nullable: true })
  categories!: string[] | null;

  @ApiProperty({
    enum: ['active', 'failing'],
    description: 'failing: an event kept failing for the whole retry window; replay resumes',
  })
  status!: 'active' | 'failing';

  @ApiProperty({ description: 'Events delivered (2xx) so far' })
  delivered!: number;

  @ApiProperty({ nullable: true, description: 'The cursor of the last event delivered' })
  lastDeliveredCursor!: number | null;

  @ApiProperty({ description: 'Failed attempts of the event now at the head' })
  attempts!: number;

  @ApiProperty({ nullable: true })
  lastError!: string | null;

  @ApiProperty({ nullable: true, format: 'date-time' })
  lastAttemptAt!: string | null;

  @ApiProperty({ nullable: true, format: 'date-time', description: 'When the next retry is due' })
  nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  static of(subscription: WebhookSubscription): SubscriptionView {
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    return {
      id: subscription.id,
      url: subscription.url,
      types: subscription.types,
      categories: subscription.categories,
      status: subscription.status,
      delivered: subscription.delivered,
      lastDeliveredCursor: subscription.lastDeliveredCursor,
      attempts: subscription.attempts,
      lastError: subscription.lastError,
      lastAttemptAt: iso(subscription.lastAttemptAt),
      nextAttemptAt: iso(subscription.nextAttemptAt),
      createdAt: subscription.createdAt.toISOString(),
    };
  }
}

export class CreatedSubscriptionView extends SubscriptionView {
  @ApiProperty({
    description: 'The signing secret (Standard Webhooks); shown only in this answer',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}
