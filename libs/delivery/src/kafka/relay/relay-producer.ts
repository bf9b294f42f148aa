import type { Logger } from '@nestjs/common';
import { Partitioners, type Kafka, type Producer, type ProducerConfig } from 'kafkajs';

export interface OpenedProducer {
  producer: Producer;
  idempotent: boolean;
}

// One request in flight per broker, so that a retried request can never overtake the next one and
// reorder a client's events; the Java client's partitioner, so keys land where other clients
// expect them.
const ORDERED: ProducerConfig = {
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
};

/**
 * Opens the relay's producer: idempotent (with acks=all on every send) where the broker supports
 * it, else a plain one with one request in flight, which keeps the order and may duplicate on a
 * retry. `idempotence` remembers a broker's refusal, so the next reopen does not ask again.
 */
export async function openRelayProducer(
  kafka: Kafka,
  idempotence: { supported?: boolean },
  logger: Logger,
): Promise<OpenedProducer> {
  // The plain producer connects first: if that fails, the broker is down, and the refusal of the
  // idempotent one below means the broker does not offer idempotence.
  const plain = kafka.producer(ORDERED);
  await plain.connect();
  if (idempotence.supported === false) return { producer: plain, idempotent: false };

  const idempotent = kafka.producer({
    ...ORDERED,
    idempotent: true,
    // Bounded: the relay retries the whole batch itself and must be able to stop during an outage.
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 10 },
  });
  try {
    await idempotent.connect();
  } catch (error) {
    await idempotent.disconnect().catch(() => undefined);
    if (isConnectionFailure(error)) {
      // The broker went away in between: no verdict on idempotence; the caller retries.
      await plain.disconnect().catch(() => undefined);
      throw error;
    }
    idempotence.supported = false;
    logger.warn(
      `the broker refused an idempotent producer (${(error as Error).message}); producing with acks=all and one request in flight instead`,
    );
    return { producer: plain, idempotent: false };
  }
  idempotence.supported = true;
  await plain.disconnect().catch(() => undefined);
  return { producer: idempotent, idempotent: true };
}

function isConnectionFailure(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (
      cause.name === 'KafkaJSConnectionError' ||
      /ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(cause.message)
    )
      return true;
  }
  return false;
}
