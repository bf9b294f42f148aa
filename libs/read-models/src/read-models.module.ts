import { Module } from '@nestjs/common';
import { AccessLogModule, KeyVaultModule } from '@samenloop/privacy';
import { SharingModule } from '@samenloop/sharing';
import { CaseloadController } from './caseload/caseload.controller';
import { CaseloadQueries } from './caseload/caseload-queries';
import { CaseloadSelection } from './caseload/caseload-selection';
import { ClientSummaries } from './caseload/client-summaries';
import { ClientAccess } from './clients/client-access';
import { ClientQueries } from './clients/client-queries';
import { IdentityModule } from '@samenloop/identity';
import { ClientsController } from './clients/clients.controller';
import { ReadModelsDatabaseModule } from './database/read-models-database.module';
import { ClientFactsReader } from './facts/client-facts-reader';
import { OutcomesController } from './outcomes/outcomes.controller';
import { OutcomesQueries } from './outcomes/outcomes-queries';
import { ProjectionsModule } from './projection/projections.module';
import { DashboardAccessLog } from './viewer/dashboard-access-log';
import { DisplayNames } from './viewer/display-names';
import { PartnerDirectory } from './viewer/partner-directory';
import { ViewerAgreements } from './viewer/viewer-agreements';
import { ViewerReferences } from './viewer/viewer-references';

/**
 * The dashboard's JSON API (`/v1/dashboard`; sign-in is the identity lib's) and, unless WORKERS=off, the
 * projections that feed it. Needs the platform's global ConfigModule, DatabaseModule (with the
 * event store's, sharing's, the key vault's and `readModelsMigrations`) and SecretsModule, and the
 * global EventStoreModule.
 */
@Module({
  imports: [
    ReadModelsDatabaseModule,
    IdentityModule,
    ProjectionsModule,
    SharingModule,
    KeyVaultModule,
    AccessLogModule,
  ],
  controllers: [CaseloadController, ClientsController, OutcomesController],
  providers: [
    DashboardAccessLog,
    PartnerDirectory,
    ViewerAgreements,
    ViewerReferences,
    DisplayNames,
    ClientFactsReader,
    ClientSummaries,
    ClientAccess,
    CaseloadQueries,
    CaseloadSelection,
    ClientQueries,
    OutcomesQueries,
  ],
})
export class ReadModelsModule {}
