import { DataSource, type DataSourceOptions } from 'typeorm';
import { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import { CaseloadMemberEntity } from '../caseload/caseload-member.entity';
import { ContactEntity } from '../contacts/contact.entity';
import { GoalEntity } from '../goals/goal.entity';
import { LadderStepEntity } from '../ladder/ladder-step.entity';
import { LifeAreaAssessmentEntity } from '../life-areas/life-area-assessment.entity';
import { READ_MODEL_PROJECTIONS } from '../projection/projections.catalogue';
import { ReferralEntity } from '../referrals/referral.entity';
import { TimelineEntryEntity } from '../timeline/timeline-entry.entity';

/** The name of the read models' TypeORM data source (others may add their own). */
export const READ_MODELS = 'read-models';

export const READ_MODEL_ENTITIES = [
  TimelineEntryEntity,
  CaseloadClientEntity,
  CaseloadMemberEntity,
  ReferralEntity,
  GoalEntity,
  LadderStepEntity,
  LifeAreaAssessmentEntity,
  ContactEntity,
];

/** Each projection's consumer holds one connection while it leads; queries share the rest. */
const QUERY_CONNECTIONS = 5;

/**
 * The schema comes from `readModelsMigrations` through the project's migration runner, never
 * from TypeORM: `synchronize` stays off, and a spec checks the entities against the migrations.
 */
export function readModelsDataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    synchronize: false,
    migrationsRun: false,
    poolSize: READ_MODEL_PROJECTIONS.length + QUERY_CONNECTIONS,
    applicationName: 'samenloop-read-models',
  };
}

/** A data source outside Nest (the command line); initialised, for the caller to destroy. */
export async function openReadModelsDataSource(url: string): Promise<DataSource> {
  return new DataSource(readModelsDataSourceOptions(url)).initialize();
}
