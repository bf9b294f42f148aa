import { Module } from '@nestjs/common';
import { AccessLogModule, KeyVaultModule } from '@samenloop/privacy';
import { CallerIdentity } from '@samenloop/platform';
import { SharingModule } from '@samenloop/sharing';
import { AccountsService } from './auth/accounts.service';
import { DashboardAuthGuard } from './auth/dashboard-auth.guard';
import { DemoAccountsSeeder } from './auth/demo-accounts.seeder';
import { OidcClient } from './auth/oidc/oidc.client';
import { OidcController } from './auth/oidc/oidc.controller';
import { OidcLoginsStore } from './auth/oidc/oidc-logins.store';
import { SameOriginGuard } from './auth/same-origin.guard';
import { SessionController } from './auth/session.controller';
import { SessionCallerIdentity } from './auth/session-caller.identity';
import { SessionsService } from './auth/sessions.service';
import { SignInLimiter } from './auth/sign-in.limiter';
import { ViewerSessions } from './auth/viewer-sessions';
import { CaseloadController } from './caseload/caseload.controller';
import { CaseloadQueries } from './caseload/caseload.queries';
import { CaseloadSelection } from './caseload/caseload.selection';
import { ClientSummaries } from './caseload/client-summaries';
import { ClientAccess } from './clients/client-access';
import { ClientQueries } from './clients/client.queries';
import { ClientsController } from './clients/clients.controller';
import { ReadModelsDatabaseModule } from './database/read-models-database.module';
import { ClientFactsReader } from './facts/client-facts.reader';
import { OutcomesController } from './outcomes/outcomes.controller';
import { OutcomesQueries } from './outcomes/outcomes.queries';
import { ProjectionsModule } from './projection/projections.module';
import { DashboardAccessLog } from './viewer/dashboard-access.log';
import { DisplayNames } from './viewer/display-names';
import { PartnerDirectory } from './viewer/partner-directory';
import { ViewerAgreements } from './viewer/viewer-agreements';
import { ViewerReferences } from './viewer/viewer-references';

/**
 * The dashboard's JSON API (`/v1/dashboard`, `/v1/auth/oidc`) and, unless WORKERS=off, the
 * projections that feed it. Needs the platform's global ConfigModule, DatabaseModule (with the
 * event store's, sharing's, the key vault's and `readModelsMigrations`) and SecretsModule, and the
 * global EventStoreModule.
 */
@Module({
  imports: [
    ReadModelsDatabaseModule,
    ProjectionsModule,
    SharingModule,
    KeyVaultModule,
    AccessLogModule,
  ],
  controllers: [
    SessionController,
    OidcController,
    CaseloadController,
    ClientsController,
    OutcomesController,
  ],
  providers: [
    DashboardAccessLog,
    AccountsService,
    SessionsService,
    SignInLimiter,
    SameOriginGuard,
    ViewerSessions,
    DashboardAuthGuard,
    DemoAccountsSeeder,
    OidcClient,
    OidcLoginsStore,
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
    // The rate limit keys a signed-in professional's requests on the account.
    { provide: CallerIdentity, useClass: SessionCallerIdentity },
  ],
})
export class ReadModelsModule {}
