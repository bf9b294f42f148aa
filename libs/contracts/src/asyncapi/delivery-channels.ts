/** A partner's Kafka topics; the AsyncAPI document shows them with `{partnerId}`. */
export function partnerTopics(prefix: string, partnerId: string) {
  return {
    /** Its filtered stream: binary CloudEvents keyed by its own reference for the client. */
    events: `${prefix}.${partnerId}.events.v1`,
    /** What it publishes. */
    inbound: `${prefix}.${partnerId}.inbound.v1`,
    /** Why the hub refused something it published, as problem details. */
    rejected: `${prefix}.${partnerId}.rejected.v1`,
  };
}

/** The HTTP ways to the same stream, relative to the hub's base URL. */
export const HTTP_DELIVERY_PATHS = {
  /** `GET ?after=<cursor>`: the next page as a CloudEvents batch. */
  feed: '/v1/feed',
  /** Server-sent events, one CloudEvent per message, `id` = cursor (resume with Last-Event-ID). */
  stream: '/v1/feed/stream',
} as const;
