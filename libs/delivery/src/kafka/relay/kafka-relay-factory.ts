import {
  createKafka,
  poolSessions,
  TopicProvisioner,
  type KafkaSettings,
} from '@samenloop/platform';
import type { Pool } from 'pg';
import type { DeliveryAccessLog } from '../../access/delivery-access-log';
import type { PartnerFeed } from '../../feed/partner-feed-types';
import { KafkaRelay, type KafkaRelayOptions } from './kafka-relay';

/**
 * A relay from `feed` to the cluster in `settings`, recording each disclosure in `accessLog`, its
 * checkpoint and lock in `pool`'s database.
 */
export function createKafkaRelay(
  feed: PartnerFeed,
  accessLog: DeliveryAccessLog,
  pool: Pool,
  settings: KafkaSettings,
  options: Partial<Omit<KafkaRelayOptions, 'topicPrefix'>> = {},
  onSessionError: (error: Error) => void = () => undefined,
): KafkaRelay {
  const kafka = createKafka(settings, 'relay');
  return new KafkaRelay(
    feed,
    accessLog,
    poolSessions(pool, onSessionError),
    kafka,
    new TopicProvisioner(kafka),
    {
      ...options,
      topicPrefix: settings.topicPrefix,
    },
  );
}
