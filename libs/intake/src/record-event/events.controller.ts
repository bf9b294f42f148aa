import {
  applyDecorators,
  Body,
  Controller,
  Headers,
  Logger,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiPartnerToken, ApiProblemResponse, BodyLimit, renderProblem } from '@samenloop/platform';
import {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
  DATA_MEDIA_TYPE,
  inboundCloudEventRef,
  inboundExampleEvent,
  validateCloudEvent,
  type CloudEvent,
} from '@samenloop/contracts';
import { EVENT_TYPES } from '@samenloop/domain';
import { CurrentPartner, PartnerAuthGuard, type Partner } from '@samenloop/sharing';
import { Clock } from '@samenloop/privacy';
import {
  fromBinaryMode,
  hasCloudEventHeaders,
  type HeaderValues,
} from '../cloud-event/binary-mode-mapper';
import { refusalProblem } from './intake.problems';
import { IntakeRefused, invalidEvent } from './intake-refusal';
import { StreamQueue } from './stream-queue';
import { BatchResultsView, BatchResultView, ReceiptView } from './receipt.view';
import {
  RecordPartnerEventCommand,
  type RecordedPartnerEvent,
} from './record-partner-event.command';

const PATH = 'v1/events';
const MAX_BATCH = 500;
/** Room for a batch of MAX_BATCH CloudEvents; every other route takes far less. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The attributes of binary mode; all optional in OpenAPI, as they are absent in structured mode. */
const BINARY_HEADERS: Readonly<Record<string, string>> = {
  'ce-specversion': 'Required in binary mode: 1.0',
  'ce-id': 'Required in binary mode: chosen by the sender; (source, id) is unique for ever',
  'ce-source': 'Required in binary mode: urn:samenloop:partner:<your partner id>',
  'ce-type': 'Required in binary mode: a type of the event catalogue',
  'ce-subject': 'Required in binary mode: the client as you know it, your own reference',
  'ce-time': 'Required in binary mode: when it happened (RFC 3339)',
  'ce-actor': 'Extension: the professional at the partner, an opaque id',
  'ce-dataschema': 'The dataschema attribute, a URI',
};

interface Reply {
  status(code: number): unknown;
}

@ApiTags('events')
@ApiPartnerToken()
@ApiExtraModels(ReceiptView, BatchResultsView)
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
    summary: 'Publish what you did with a client, as CloudEvents (docs/inbound.md)',
    description:
      `One event as ${CLOUDEVENTS_MEDIA_TYPE}, or up to ${MAX_BATCH} as ` +
      `${CLOUDEVENTS_BATCH_MEDIA_TYPE}: each event of a batch is answered on its own (a batch ` +
      'is not atomic); events that name a client by the same reference (or BSN) apply in array ' +
      'order, the others side by side. Sending an event ' +
      'again with the same source, id and content is safe: it is stored once. One event may ' +
      `also come in binary content mode: its attributes as percent-encoded \`ce-\` headers ` +
      `(ce-specversion, ce-id, ce-source, ce-type, ce-subject, ce-time, ce-actor, ce-dataschema) ` +
      `and its data as the ${DATA_MEDIA_TYPE} body; it is checked and answered exactly ` +
      'as the same event in structured mode. `ce-` headers beside a structured media type are ' +
      'ignored, as the HTTP binding allows them there.',
  })
  @ApiConsumes(CLOUDEVENTS_MEDIA_TYPE, CLOUDEVENTS_BATCH_MEDIA_TYPE, DATA_MEDIA_TYPE)
  @ApiBody({
    description:
      'A CloudEvent of a catalogue type (docs/inbound.md; its JSON Schema in docs/schemas), a ' +
      'batch of them, or in binary mode only its data',
    schema: {
      oneOf: [
        inboundCloudEventRef(),
        { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: inboundCloudEventRef() },
      ],
    },
    examples: Object.fromEntries(
      EVENT_TYPES.map((type) => [type, { summary: type, value: inboundExampleEvent(type) }]),
    ),
  })
  @BinaryModeHeaders()
  @ApiCreatedResponse({ type: ReceiptView, description: 'Stored' })
  @ApiOkResponse({
    description: 'A resend of a stored event (its first receipt), or the answers to a batch',
    schema: {
      oneOf: [{ $ref: getSchemaPath(ReceiptView) }, { $ref: getSchemaPath(BatchResultsView) }],
    },
  })
  @ApiProblemResponse(
    400,
    'invalid-event (paths in errors), invalid-batch, malformed-body or ' + 'body-too-complex',
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
    @Headers() headers: HeaderValues,
    @Req() request: { id: string },
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<ReceiptView | BatchResultsView> {
    const mediaType = mediaTypeOf(contentType);
    // The media type decides the mode: the HTTP binding lets a structured message carry ce- headers
    // too, and then only its body counts.
    switch (mediaType) {
      case CLOUDEVENTS_MEDIA_TYPE:
        return this.answerOne(reply, await this.publishOne(partner, body, request.id));
      case CLOUDEVENTS_BATCH_MEDIA_TYPE:
        reply.status(200);
        return { results: await this.publishBatch(partner, body, request.id) };
      case DATA_MEDIA_TYPE:
        if (hasCloudEventHeaders(headers)) {
          const mapped = fromBinaryMode(headers, body, mediaType);
          if (!mapped.ok) throw refusalProblem(invalidEvent(mapped.errors));
          return this.answerOne(reply, await this.publishOne(partner, mapped.event, request.id));
        }
        break;
    }
    throw refusalProblem({
      code: 'unsupported-media-type',
      detail:
        `send ${CLOUDEVENTS_MEDIA_TYPE}, ${CLOUDEVENTS_BATCH_MEDIA_TYPE}, or ` +
        `${DATA_MEDIA_TYPE} with the attributes as ce- headers (binary mode)`,
    });
  }

  private answerOne(reply: Reply, { status, receipt }: RecordedPartnerEvent): ReceiptView {
    reply.status(status);
    return receipt;
  }

  private publishOne(
    partner: Partner,
    input: unknown,
    requestId: string,
    order?: StreamQueue,
  ): Promise<RecordedPartnerEvent> {
    const checked = validateCloudEvent(input, this.clock.now());
    if (!checked.ok) throw refusalProblem(invalidEvent(checked.errors));
    const publisher = { id: partner.id, kind: partner.kind };
    const record = () =>
      this.commands
        .execute(new RecordPartnerEventCommand(publisher, checked.event, requestId))
        .catch(asProblem);
    return order ? order.run(orderingKeys(checked.event), record) : record();
  }

  /**
   * Every event at once, so that they share transactions, except that an event waits for the
   * events before it that name the same client: its reference, a reference it links, its BSN.
   */
  private publishBatch(
    partner: Partner,
    body: unknown,
    requestId: string,
  ): Promise<BatchResultView[]> {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_BATCH) {
      throw refusalProblem({
        code: 'invalid-batch',
        detail: `a batch is a JSON array of 1 to ${MAX_BATCH} events`,
      });
    }
    const order = new StreamQueue();
    return Promise.all(
      body.map(async (item, index): Promise<BatchResultView> => {
        try {
          const { status, receipt } = await this.publishOne(partner, item, requestId, order);
          return { index, status, receipt };
        } catch (error) {
          const { problem, unexpected } = renderProblem(error, `/${PATH}`);
          if (unexpected)
            this.logger.error({ err: error, index }, 'batch event failed unexpectedly');
          return { index, status: problem.status, problem };
        }
      }),
    );
  }
}

/** What ties an event to the events before it in a batch: the clients it may name. */
function orderingKeys(event: CloudEvent): string[] {
  const keys = [`reference\n${event.subject}`];
  switch (event.type) {
    case 'nl.samenloop.client-reference-linked.v1':
      keys.push(`reference\n${event.data.reference}`);
      break;
    case 'nl.samenloop.client-enrolled.v1':
      if (event.data.person.bsn !== undefined) keys.push(`bsn\n${event.data.person.bsn}`);
      break;
    case 'nl.samenloop.involvement-signalled.v1':
      keys.push(`bsn\n${event.data.bsn}`);
      break;
  }
  return keys;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

/** The binary mode's headers in the OpenAPI operation. */
function BinaryModeHeaders(): MethodDecorator {
  return applyDecorators(
    ...Object.entries(BINARY_HEADERS).map(([name, description]) =>
      ApiHeader({ name, required: false, description }),
    ),
  );
}

/** The command path's refusal as this adapter answers it: an RFC 9457 problem. */
function asProblem(error: unknown): never {
  throw error instanceof IntakeRefused ? refusalProblem(error.refusal) : error;
}
