import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { KafkaSettings } from './kafka.settings';

/**
 * A kafkajs client for one role of this process (`relay`, `intake`). kafkajs logs every failed
 * reconnect of an outage at ERROR; the relay and the intake report an outage themselves, once per
 * streak, so kafkajs's own lines go to debug.
 */
export function createKafka(settings: KafkaSettings, role: string): Kafka {
  const logger = new Logger(`kafkajs:${role}`);
  return new Kafka({
    ...kafkaClientConfig(settings, role),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, label, log }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
        logger.debug({ namespace, kafkajsLevel: label, ...extra }, message);
      },
  });
}

/** Where and how every client of this process connects: brokers, TLS and SASL, retries. */
export function kafkaClientConfig(settings: KafkaSettings, role: string): KafkaConfig {
  return {
    clientId: `${settings.clientId}-${role}`,
    brokers: [...settings.brokers],
    ...(settings.ssl ? { ssl: settings.ssl } : {}),
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    // Short client-side retries: the relay and the intake retry whole operations with their own
    // back-off, and must notice an outage soon enough to report it.
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 5 },
  };
}
