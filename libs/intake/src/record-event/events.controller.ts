import { Body, Controller, Headers, Logger, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ApiProblemResponse,
  BodyLimit,
  renderProblem,
  type ProblemFieldError,
} from '@samenloop/platform';
import { CurrentPartner, PartnerAuthGuard, type Partner } from '@samenloop/sharing';
import { Clock } from '../clock.port';
import {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
} from '../cloud-event/cloud-event.types';
import { CloudEventDto } from '../cloud-event/cloud-event.dto';
import { validateCloudEvent } from '../cloud-event/cloud-event.validator';
import { intakeProblem } from './intake.problems';
import { BatchResultsView, BatchResultView, ReceiptView } from './receipt.view';
import {
  RecordPartnerEventCommand,
  type RecordedPartnerEvent,
} from './record-partner-event.command';

const PATH = 'v1/events';
const MAX_BATCH = 500;
/** Room for a batch of MAX_BATCH CloudEvents; every other route takes far less. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

interface Reply {
  status(code: number): unknown;
}

@ApiTags('events')
@ApiBearerAuth()
@ApiExtraModels(CloudEventDto, ReceiptView, BatchResultsView)
@UseGuards(PartnerAuthGuard)
@Controller(PATH)
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post()
  @BodyLimit(MAX_BODY_BYTES)
  @ApiOperation({
    summary: 'Publish what you did with a client, as CloudEvents (events.md)',
    description:
      `One event as ${CLOUDEVENTS_MEDIA_TYPE}, or up to ${MAX_BATCH} as ` +
      `${CLOUDEVENTS_BATCH_MEDIA_TYPE}: each event of a batch is answered on its own (a batch ` +
      'is not atomic), and events for the same client apply in array order. Sending an event ' +
      'again with the same source, id and content is safe: it is stored once.',
  })
  @ApiConsumes(CLOUDEVENTS_MEDIA_TYPE, CLOUDEVENTS_BATCH_MEDIA_TYPE)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(CloudEventDto) },
        {
          type: 'array',
          minItems: 1,
          maxItems: MAX_BATCH,
          items: { $ref: getSchemaPath(CloudEventDto) },
        },
      ],
    },
  })
  @ApiCreatedResponse({ type: ReceiptView, description: 'Stored' })
  @ApiOkResponse({
    description: 'A resend of a stored event (its first receipt), or the answers to a batch',
    schema: {
      oneOf: [{ $ref: getSchemaPath(ReceiptView) }, { $ref: getSchemaPath(BatchResultsView) }],
    },
  })
  @ApiProblemResponse(
    400,
    'invalid-event (paths in errors), invalid-batch, malformed-body or body-too-complex',
  )
  @ApiProblemResponse(401, 'Missing, unknown or revoked token')
  @ApiProblemResponse(403, 'source-mismatch, type-not-allowed or not-involved')
  @ApiProblemResponse(404, 'unknown-client: you know no client by this reference or BSN')
  @ApiProblemResponse(409, 'duplicate-id, already-enrolled, reference-taken, concurrency-conflict')
  @ApiProblemResponse(413, 'payload-too-large')
  @ApiProblemResponse(415, 'unsupported-media-type')
  @ApiProblemResponse(422, 'case-closed, referral-state, goal-state or lead-not-involved')
  async publish(
    @CurrentPartner() partner: Partner,
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Req() request: { id: string },
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ReceiptView | BatchResultsView> {
    switch (mediaTypeOf(contentType)) {
      case CLOUDEVENTS_MEDIA_TYPE: {
        const { status, receipt } = await this.publishOne(partner, body, request.id);
        reply.status(status);
        return receipt;
      }
      case CLOUDEVENTS_BATCH_MEDIA_TYPE:
        reply.status(200);
        return { results: await this.publishBatch(partner, body, request.id) };
      default:
        throw intakeProblem(
          'unsupported-media-type',
          `send ${CLOUDEVENTS_MEDIA_TYPE} or ${CLOUDEVENTS_BATCH_MEDIA_TYPE}`,
        );
    }
  }

  private publishOne(
    partner: Partner,
    input: unknown,
    requestId: string,
  ): Promise<RecordedPartnerEvent> {
    const checked = validateCloudEvent(input, this.clock.now());
    if (!checked.ok) {
      throw intakeProblem('invalid-event', summary(checked.errors), { errors: checked.errors });
    }
    const publisher = { id: partner.id, kind: partner.kind };
    return this.commands.execute(
      new RecordPartnerEventCommand(publisher, checked.event, requestId),
    );
  }

  private async publishBatch(
    partner: Partner,
    body: unknown,
    requestId: string,
  ): Promise<BatchResultView[]> {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH) {
      throw intakeProblem('invalid-batch', `a batch is a JSON array of 1 to ${MAX_BATCH} events`);
    }
    const results: BatchResultView[] = [];
    // One after another, so that events for the same client apply in array order.
    for (const [index, item] of body.entries()) {
      try {
        const { status, receipt } = await this.publishOne(partner, item, requestId);
        results.push({ index, status, receipt });
      } catch (error) {
        const { problem, unexpected } = renderProblem(error, `/${PATH}`);
        if (unexpected) this.logger.error({ err: error, index }, 'batch event failed unexpectedly');
        results.push({ index, status: problem.status, problem });
      }
    }
    return results;
  }
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

function summary(errors: readonly ProblemFieldError[]): string {
  const [first] = errors;
  return errors.length === 1 && first
    ? `${first.path || 'the event'}: ${first.message}`
    : `${errors.length} fields are not valid`;
}
