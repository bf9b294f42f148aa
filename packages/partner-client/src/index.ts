export * from './contract.generated';
export type {
  BatchResult,
  FeedData,
  FeedEvent,
  FeedEventOf,
  FeedEventType,
  FeedPage,
  PublishData,
  PublishEvent,
  PublishEventOf,
  PublishEventType,
  Published,
} from './events';
export { followStream } from './feed.stream';
export type { StreamContext, StreamOptions } from './feed.stream';
export { SamenloopProblemError } from './problem.error';
export { backoffDelayMs, DEFAULT_RETRY, RETRIED_STATUSES, retryAfterMs } from './retry';
export type { RetryOptions } from './retry';
export { SamenloopClient } from './samenloop.client';
export type {
  CallOptions,
  EventOptions,
  FeedOptions,
  SamenloopClientOptions,
  SubscribeOptions,
} from './samenloop.client';
export {
  DEFAULT_TOLERANCE_SECONDS,
  verifyWebhook,
  WebhookVerificationError,
} from './webhook.verifier';
export type { VerifyOptions, WebhookHeaders } from './webhook.verifier';
