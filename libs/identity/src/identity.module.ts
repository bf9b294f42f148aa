import { Module } from '@nestjs/common';
import { CallerIdentity } from '@samenloop/platform';
import { SharingModule } from '@samenloop/sharing';
import { AccountsService } from './accounts/accounts-service';
import { DemoAccountsSeeder } from './accounts/demo-accounts-seeder';
import { IdentityDatabaseModule } from './identity-database.module';
import { OidcLoginsStore } from './oidc/oidc-logins.store';
import { OidcClient } from './oidc/oidc.client';
import { OidcController } from './oidc/oidc.controller';
import { DashboardAuthGuard } from './sessions/dashboard-auth.guard';
import { SameOriginGuard } from './sessions/same-origin.guard';
import { SessionCallerIdentity } from './sessions/session-caller-identity';
import { SessionController } from './sessions/session.controller';
import { SessionsService } from './sessions/sessions-service';
import { ViewerSessions } from './sessions/viewer-sessions';
import { SignInLimiter } from './sign-in/sign-in-limiter';

/**
 * Professionals' accounts, dashboard sessions and sign-in (`/v1/dashboard/session`,
 * `/v1/auth/oidc`), and the guard the dashboard's endpoints use. Needs the platform's global
 * ConfigModule and DatabaseModule (with `identityMigrations` among the migrations).
 */
@Module({
  imports: [IdentityDatabaseModule, SharingModule],
  controllers: [SessionController, OidcController],
  providers: [
    AccountsService,
    SessionsService,
    SignInLimiter,
    SameOriginGuard,
    ViewerSessions,
    DashboardAuthGuard,
    DemoAccountsSeeder,
    OidcClient,
    OidcLoginsStore,
    // The rate limit keys a signed-in professional's requests on the account.
    { provide: CallerIdentity, useClass: SessionCallerIdentity },
  ],
  exports: [DashboardAuthGuard, ViewerSessions, SameOriginGuard, AccountsService],
})
export class IdentityModule {}
