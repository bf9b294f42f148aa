import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPartnerToken, ApiProblemResponse, AppConfig } from '@samenloop/platform';
import { CurrentPartner, type Partner, PartnerAuthGuard } from '@samenloop/sharing';
import {
  refusedWebhookUrl,
  tooManySubscriptions,
  unknownCursor,
  unknownSubscription,
} from '../delivery.problems';
import { UnknownCursorError } from '../feed/partner-feed.errors';
import { PostgresPartnerFeed } from '../feed/postgres-partner-feed';
import { CreateSubscriptionDto } from './create-subscription.dto';
import { ReplaySubscriptionDto } from './replay-subscription.dto';
import { CreatedSubscriptionView, SubscriptionView } from './subscription.view';
import { WebhookEndpoints } from './webhook-endpoints';
import { WebhookSecretCipher } from './webhook-secret-cipher';
import { newWebhookSecret } from './webhook-signature';
import { WebhookSubscriptionStore } from './webhook-subscription.store';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => unknownSubscription() });

@ApiTags('webhooks')
@ApiPartnerToken()
@ApiProblemResponse(401, 'Missing, unknown or revoked token')
@UseGuards(PartnerAuthGuard)
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionStore,
    private readonly cipher: WebhookSecretCipher,
    private readonly feed: PostgresPartnerFeed,
    private readonly endpoints: WebhookEndpoints,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Have your feed pushed to an endpoint of yours, from now on',
    description:
      'Each event is POSTed as application/cloudevents+json and signed per Standard Webhooks ' +
      '(webhook-id, webhook-timestamp, webhook-signature with the secret answered here, once). ' +
      'Any 2xx answer counts as delivered. Events go out strictly in feed order, one at a time: ' +
      'a failing event is retried with exponential backoff for up to 24 hours and holds back the ' +
      'later ones; then the subscription is marked failing and stops until you replay. Deduplicate ' +
      'by webhook-id: it is the same on every attempt and replay of an event. The url must be ' +
      'https to a host that resolves to public addresses only; redirects are not followed.',
  })
  @ApiCreatedResponse({ type: CreatedSubscriptionView })
  @ApiProblemResponse(400, 'validation-failed: url, types or categories')
  @ApiProblemResponse(409, 'too-many-subscriptions: WEBHOOK_MAX_SUBSCRIPTIONS are held already')
  async create(
    @CurrentPartner() partner: Partner,
    @Body() body: CreateSubscriptionDto,
  ): Promise<CreatedSubscriptionView> {
    const refused = await this.endpoints.urlProblem(body.url);
    if (refused !== undefined) throw refusedWebhookUrl(refused);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const max = this.config.WEBHOOK_MAX_SUBSCRIPTIONS;
    const subscription = await this.subscriptions.create(
      {
        id,
        partnerId: partner.id,
        url: body.url,
        types: body.types ? [...new Set(body.types)] : null,
        categories: body.categories ? [...new Set(body.categories)] : null,
        sealedSecret: this.cipher.seal(secret, id),
        afterSeq: await this.feed.headSeq(),
      },
      max,
    );
    if (!subscription) throw tooManySubscriptions(max);
    return { ...SubscriptionView.of(subscription), secret };
  }

  @Get()
  @ApiOkResponse({ type: [SubscriptionView] })
  async list(@CurrentPartner() partner: Partner): Promise<SubscriptionView[]> {
    return (await this.subscriptions.list(partner.id)).map(SubscriptionView.of);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Delivery status: events delivered, last cursor, last error, next try' })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiProblemResponse(404, 'unknown-subscription')
  async status(
    @CurrentPartner() partner: Partner,
    @Param('id', uuid) id: string,
  ): Promise<SubscriptionView> {
    const subscription = await this.subscriptions.find(partner.id, id);
    if (!subscription) throw unknownSubscription();
    return SubscriptionView.of(subscription);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver again everything after a cursor; resumes a failing subscription',
  })
  @ApiOkResponse({ type: SubscriptionView })
  @ApiProblemResponse(400, 'unknown-cursor, or validation-failed')
  @ApiProblemResponse(404, 'unknown-subscription')
  async replay(
    @CurrentPartner() partner: Partner,
    @Param('id', uuid) id: string,
    @Body() { from }: ReplaySubscriptionDto,
  ): Promise<SubscriptionView> {
    if (!(await this.subscriptions.find(partner.id, id))) throw unknownSubscription();
    const afterSeq = await this.feed.seqOf(partner.id, from).catch((error: unknown) => {
      throw error instanceof UnknownCursorError ? unknownCursor(from) : error;
    });
    const subscription = await this.subscriptions.replay(partner.id, id, afterSeq);
    if (!subscription) throw unknownSubscription();
    return SubscriptionView.of(subscription);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiProblemResponse(404, 'unknown-subscription')
  async remove(@CurrentPartner() partner: Partner, @Param('id', uuid) id: string): Promise<void> {
    if (!(await this.subscriptions.remove(partner.id, id))) throw unknownSubscription();
  }
}
