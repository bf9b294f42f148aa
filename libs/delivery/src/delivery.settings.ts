/** Timings of the delivery channels; the defaults suit production, tests shorten them. */
export class DeliverySettings {
  /** A comment line on an idle server-sent-events stream, so proxies keep it open. */
  heartbeatMs = 15_000;
  /** A webhook endpoint that has not answered by then failed this attempt. */
  webhookTimeoutMs = 10_000;
  /** How often the webhook dispatcher looks again by itself, in case a notification was lost. */
  dispatcherRecheckMs = 5_000;
}
