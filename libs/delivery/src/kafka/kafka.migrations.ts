import type { Migration } from '@samenloop/platform';
import { relayCheckpointMigrations } from './relay/relay-checkpoint.store';

export const kafkaMigrations: Migration[] = [...relayCheckpointMigrations];
