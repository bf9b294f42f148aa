import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Logger, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiPartnerToken, ApiProblemResponse } from '@samenloop/platform';
import {
  CurrentPartner,
  type Partner,
  PartnerAuthGuard,
  PartnerRegistry,
} from '@samenloop/sharing';
import { DeliveryAccessLog } from '../access/delivery-access-log';
import { DeliverySettings } from '../delivery.settings';
import {
  invalidLastEventId,
  tokenWithdrawn,
  tooManyStreams,
  unknownCursor,
} from '../delivery.problems';
import { UnknownCursorError } from '../feed/partner-feed.errors';
import { PostgresPartnerFeed } from '../feed/postgres-partner-feed';
import { DeliveryShutdown } from './delivery-shutdown';
import { DEFAULT_PAGE, FeedQueryDto, MAX_WAIT_SECONDS, StreamQueryDto } from './feed-query.dto';
import { FeedPageView } from './feed-page.view';
import { streamSse } from './feed-sse-stream';
import { nextEntries } from './next-entries-reader';
import { OpenStreams, tokenHolds } from './open-streams';

interface FeedRequest {
  id: string;
  ip?: string;
  headers: { authorization?: string };
}

interface Reply {
  raw: ServerResponse;
  /** Fastify: the handler takes over the raw response (event streams). */
  hijack(): void;
  getHeaders(): Record<string, string | string[] | number | undefined>;
}

@ApiTags('feed')
@ApiPartnerToken()
@ApiProblemResponse(401, 'Missing, unknown or revoked token')
@UseGuards(PartnerAuthGuard)
@Controller('v1/feed')
export class FeedController {
  private readonly logger = new Logger(FeedController.name);

  constructor(
    private readonly feed: PostgresPartnerFeed,
    private readonly accessLog: DeliveryAccessLog,
    private readonly settings: DeliverySettings,
    private readonly shutdown: DeliveryShutdown,
    private readonly streams: OpenStreams,
    private readonly partners: PartnerRegistry,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Your events after a cursor: what your agreement and the clients’ consent allow',
    description:
      'Resume with `after` = the `next` of the previous page. With `wait` (seconds, up to ' +
      `${MAX_WAIT_SECONDS}) an empty page is held until something arrives (long-polling).`,
  })
  @ApiOkResponse({ type: FeedPageView })
  @ApiProblemResponse(400, 'unknown-cursor, or validation-failed')
  async page(
    @CurrentPartner() partner: Partner,
    @Query() query: FeedQueryDto,
    @Req() request: FeedRequest,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<FeedPageView> {
    const after = query.after ?? 0;
    const afterSeq = await this.seqOf(partner.id, after);
    const entries = await nextEntries(
      this.feed,
      partner.id,
      afterSeq,
      query.limit ?? DEFAULT_PAGE,
      { signal: this.shutdown.whileOpen(reply.raw), timeoutMs: (query.wait ?? 0) * 1000 },
    );
    // A long-poll may have waited past a rotation or revocation of the token it came with.
    const waited = (query.wait ?? 0) > 0 && entries.length > 0;
    if (waited && !(await tokenHolds(this.partners, partner.id, bearerToken(request)))) {
      throw tokenWithdrawn();
    }
    await this.accessLog.record({
      channel: 'feed',
      partnerId: partner.id,
      entries,
      requestId: request.id,
      remoteAddress: request.ip,
    });
    return { events: entries.map(({ event }) => event), next: entries.at(-1)?.position ?? after };
  }

  @Get('stream')
  @ApiOperation({
    summary: 'Your events as server-sent events, live',
    description:
      'Each message: `id` = its cursor, `data` = the CloudEvent. Reconnect with Last-Event-ID ' +
      '(EventSource does so by itself) or `?after=` to resume. A comment line is sent when the ' +
      'stream was idle for about 15 seconds.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The cursor to resume after' })
  @ApiOkResponse({ description: 'text/event-stream', content: { 'text/event-stream': {} } })
  @ApiProblemResponse(400, 'unknown-cursor, or validation-failed')
  @ApiProblemResponse(429, 'too-many-streams: close one of your open streams first')
  async stream(
    @CurrentPartner() partner: Partner,
    @Query() query: StreamQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FeedRequest,
    @Res() reply: Reply,
  ): Promise<void> {
    const after = lastEventId === undefined ? (query.after ?? 0) : cursorOf(lastEventId);
    // Checked before the stream starts, so that a bad cursor is answered as a problem.
    const afterSeq = await this.seqOf(partner.id, after);
    const lease = await this.streams.open(partner.id, bearerToken(request));
    if (!lease) throw tooManyStreams(this.streams.maxPerPartner);
    reply.hijack();
    const { raw } = reply;
    raw.writeHead(200, {
      ...reply.getHeaders(),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold events back in their buffers.
      'x-accel-buffering': 'no',
    });
    try {
      await streamSse(raw, {
        feed: this.feed,
        partnerId: partner.id,
        afterSeq,
        heartbeatMs: this.settings.heartbeatMs,
        signal: AbortSignal.any([this.shutdown.whileOpen(raw), lease.signal]),
        authorized: () => lease.authorized(),
        delivering: (entries) =>
          this.accessLog.record({
            channel: 'sse',
            partnerId: partner.id,
            entries,
            requestId: request.id,
            remoteAddress: request.ip,
          }),
      });
    } catch (error) {
      // The client resumes from its Last-Event-ID; nothing it acknowledged is lost.
      if ((error as Error).name !== 'AbortError') {
        this.logger.warn(`event stream of ${partner.id} ended: ${(error as Error).message}`);
      }
    } finally {
      lease.release();
      raw.end();
    }
  }

  private async seqOf(partnerId: string, cursor: number): Promise<number> {
    try {
      return await this.feed.seqOf(partnerId, cursor);
    } catch (error) {
      throw error instanceof UnknownCursorError ? unknownCursor(cursor) : error;
    }
  }
}

/** The token PartnerAuthGuard admitted: the stream is bound to it. */
function bearerToken(request: FeedRequest): string {
  return (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim();
}

function cursorOf(lastEventId: string): number {
  const cursor = Number(lastEventId.trim());
  if (!/^\d+$/.test(lastEventId.trim()) || !Number.isSafeInteger(cursor)) {
    throw invalidLastEventId(lastEventId);
  }
  return cursor;
}
