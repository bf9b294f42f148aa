import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
  type CreatedSubscription,
  type DataCategory,
  type Receipt,
  type Subscription,
} from './contract.generated';
import type {
  BatchResult,
  FeedEvent,
  FeedEventType,
  FeedPage,
  PublishData,
  PublishEventOf,
  PublishEventType,
  Published,
} from './events';
import { followStream, type StreamOptions } from './feed.stream';
import { SamenloopProblemError } from './problem.error';
import { DEFAULT_RETRY, sendWithRetry, type RetryOptions } from './retry';

export interface SamenloopClientOptions {
  /** The hub's base URL, e.g. `https://samenloop.gemeente.nl`. */
  url: string;
  /** Your partner bearer token. */
  token: string;
  /** Your partner id: the `source` of what you publish is `urn:samenloop:partner:<id>`. */
  partnerId: string;
  retry?: Partial<RetryOptions>;
  /** How long one attempt may take, on top of a long-poll's `wait`; 30 s by default. */
  timeoutMs?: number;
  /** Another fetch (a proxy agent, a test double); the global one by default. */
  fetch?: typeof fetch;
}

export interface EventOptions {
  /** Unique for ever per partner: a resend with the same id is stored once. A UUID by default. */
  id?: string;
  /** When it happened; now by default. */
  time?: Date | string;
  /** The professional at your side, an opaque id. */
  actor?: string;
}

export interface FeedOptions {
  /** The cursor to read after: the `next` of the previous page (0: from the start). */
  after?: number;
  /** 1 to 500; the hub's default is 100. */
  limit?: number;
  /** Seconds (up to 30) the hub may hold an empty page until something arrives. */
  wait?: number;
  signal?: AbortSignal;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface SubscribeOptions extends CallOptions {
  /** Your https endpoint; the hub POSTs each event there, signed (see verifyWebhook). */
  url: string;
  /** Only these types (or those of `categories`); everything when neither is given. */
  types?: FeedEventType[];
  categories?: DataCategory[];
}

const FEED_PATH = '/v1/feed';
const SUBSCRIPTIONS_PATH = '/v1/subscriptions';
/** The longest long-poll the hub holds. */
const MAX_WAIT_SECONDS = 30;

/**
 * A partner's connection to a Samenloop hub: publish CloudEvents (one or a batch), and read what
 * your agreement lets you receive (pages, a long-polling loop, or server-sent events). Requests
 * that the hub could not take now (429, 502-504, a network failure) are sent again with backoff;
 * a refusal is thrown at once as a SamenloopProblemError.
 */
export class SamenloopClient {
  private readonly url: string;
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: SamenloopClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** The `source` of every event this partner publishes. */
  get source(): string {
    return `urn:samenloop:partner:${this.options.partnerId}`;
  }

  /** A CloudEvent of yours about the client you call `subject`, ready to publish. */
  event<T extends PublishEventType>(
    type: T,
    subject: string,
    data: PublishData<T>,
    { id = randomUUID(), time = new Date(), actor }: EventOptions = {},
  ): PublishEventOf<T> {
    return {
      specversion: '1.0',
      id,
      source: this.source,
      type,
      subject,
      time: typeof time === 'string' ? time : time.toISOString(),
      ...(actor === undefined ? {} : { actor }),
      datacontenttype: 'application/json',
      data,
    } as PublishEventOf<T>;
  }

  /** Publishes one event; retried until stored, it is stored once whatever happened in between. */
  async publish<T extends PublishEventType>(
    event: PublishEventOf<T>,
    { signal }: CallOptions = {},
  ): Promise<Published> {
    const response = await this.request(
      '/v1/events',
      { method: 'POST', body: JSON.stringify(event), contentType: CLOUDEVENTS_MEDIA_TYPE },
      signal,
    );
    const receipt = (await response.json()) as Receipt;
    return { receipt, alreadyStored: response.status === 200 };
  }

  /**
   * Publishes up to 500 events in one request. A batch is not atomic: each event is answered on
   * its own, in order, with its receipt or its problem; events about one client apply in order.
   */
  async publishBatch(
    events: readonly PublishEventOf<PublishEventType>[],
    { signal }: CallOptions = {},
  ): Promise<BatchResult[]> {
    const response = await this.request(
      '/v1/events',
      { method: 'POST', body: JSON.stringify(events), contentType: CLOUDEVENTS_BATCH_MEDIA_TYPE },
      signal,
    );
    return ((await response.json()) as { results: BatchResult[] }).results;
  }

  /** One page of your feed after `after`. */
  async feed({ after = 0, limit, wait, signal }: FeedOptions = {}): Promise<FeedPage> {
    const query = new URLSearchParams({ after: String(after) });
    if (limit !== undefined) query.set('limit', String(limit));
    if (wait !== undefined) query.set('wait', String(wait));
    const response = await this.request(
      `${FEED_PATH}?${query}`,
      { method: 'GET' },
      signal,
      (wait ?? 0) * 1000,
    );
    return (await response.json()) as FeedPage;
  }

  /**
   * Every event of your feed after `after`, then each new one as it arrives (long-polling), until
   * `signal` aborts. Store each event's `cursor` once you processed it, and resume after it.
   */
  async *follow({
    after = 0,
    limit,
    wait = MAX_WAIT_SECONDS,
    signal,
  }: FeedOptions = {}): AsyncGenerator<FeedEvent, void, undefined> {
    let cursor = after;
    while (!signal?.aborted) {
      let page: FeedPage;
      try {
        page = await this.feed({ after: cursor, limit, wait, signal });
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      for (const event of page.events) yield event;
      cursor = page.next;
    }
  }

  /** Your feed as server-sent events, reconnecting and resuming by itself (see followStream). */
  stream(options: StreamOptions = {}): AsyncGenerator<FeedEvent, void, undefined> {
    return followStream(
      {
        retry: this.retry,
        connect: (lastEventId, signal) =>
          this.fetch(`${this.url}${FEED_PATH}/stream`, {
            headers: {
              ...this.authorization(),
              accept: 'text/event-stream',
              ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
            },
            signal,
          }),
      },
      options,
    );
  }

  /** Has your feed pushed to `url` from now on; keep the answer's `secret` to verify the calls. */
  async subscribe({
    url,
    types,
    categories,
    signal,
  }: SubscribeOptions): Promise<CreatedSubscription> {
    const body = JSON.stringify({ url, types, categories });
    const response = await this.request(
      SUBSCRIPTIONS_PATH,
      { method: 'POST', body, contentType: 'application/json' },
      signal,
    );
    return (await response.json()) as CreatedSubscription;
  }

  /** Your webhook subscriptions and how their delivery goes. */
  async subscriptions({ signal }: CallOptions = {}): Promise<Subscription[]> {
    const response = await this.request(SUBSCRIPTIONS_PATH, { method: 'GET' }, signal);
    return (await response.json()) as Subscription[];
  }

  async unsubscribe(id: string, { signal }: CallOptions = {}): Promise<void> {
    const path = `${SUBSCRIPTIONS_PATH}/${encodeURIComponent(id)}`;
    await this.request(path, { method: 'DELETE' }, signal);
  }

  private authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.options.token}` };
  }

  /** Sends with retries; answers a 2xx response or throws the hub's problem. */
  private async request(
    path: string,
    { method, body, contentType }: { method: string; body?: string; contentType?: string },
    signal: AbortSignal | undefined,
    extraTimeoutMs = 0,
  ): Promise<Response> {
    const send = () => {
      const timeout = AbortSignal.timeout(this.timeoutMs + extraTimeoutMs);
      return this.fetch(`${this.url}${path}`, {
        method,
        headers: {
          ...this.authorization(),
          accept: 'application/json',
          ...(contentType === undefined ? {} : { 'content-type': contentType }),
        },
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    };
    const response = await sendWithRetry(send, { options: this.retry, signal });
    if (!response.ok) throw await SamenloopProblemError.of(response);
    return response;
  }
}
