import { Counter, register } from 'prom-client';

const LABELS = ['channel', 'partner'] as const;

const delivered = new Counter({
  name: 'samenloop_deliveries_total',
  help: 'Feed entries disclosed to partners, by channel and partner, as the access log records them',
  labelNames: LABELS,
  registers: [register],
});

const failed = new Counter({
  name: 'samenloop_delivery_failures_total',
  help: 'Failed delivery attempts (a webhook endpoint refusing, a Kafka produce failing), by channel and partner',
  labelNames: LABELS,
  registers: [register],
});

/** Recorder for the delivery channels, so they need no prom-client of their own. */
export const deliveryMetrics = {
  delivered(channel: string, partnerId: string, entries: number): void {
    if (entries > 0) delivered.inc({ channel, partner: partnerId }, entries);
  },
  failed(channel: string, partnerId: string): void {
    failed.inc({ channel, partner: partnerId });
  },
};
