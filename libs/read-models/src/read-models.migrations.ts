import type { Migration } from '@samenloop/platform';
import { identityMigrations } from '@samenloop/identity';
import { caseloadMigrations } from './caseload/caseload.migrations';
import { contactsMigrations } from './contacts/contacts.migrations';
import { goalsMigrations } from './goals/goals.migrations';
import { ladderMigrations } from './ladder/ladder.migrations';
import { lifeAreasMigrations } from './life-areas/life-areas.migrations';
import { projectionMigrations } from './projection/projection.migrations';
import { referralsMigrations } from './referrals/referrals.migrations';
import { timelineMigrations } from './timeline/timeline.migrations';

/** Needs the event store's migrations (consumer_checkpoints) applied before it. */
export const readModelsMigrations: Migration[] = [
  ...projectionMigrations,
  ...timelineMigrations,
  ...caseloadMigrations,
  ...referralsMigrations,
  ...goalsMigrations,
  ...ladderMigrations,
  ...lifeAreasMigrations,
  ...contactsMigrations,
  // The dashboard's API signs professionals in through identity, whose tables come along.
  ...identityMigrations,
];
