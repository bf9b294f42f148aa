import { Module } from '@nestjs/common';
import { AuditorAuthentication } from '@samenloop/privacy';
import { IdentityDatabaseModule } from '../identity-database.module';
import { SameOriginGuard } from '../sessions/same-origin.guard';
import { SessionAuditorAuthentication } from './session-auditor-authentication';
import { SessionsService } from '../sessions/sessions-service';

/**
 * Professional sign-in for the audit API (`AuditModule.forRoot({ auditorSignIn })`): the sessions
 * the dashboard opens, so that auditors sign in once for both.
 */
@Module({
  imports: [IdentityDatabaseModule],
  providers: [
    SessionsService,
    SameOriginGuard,
    { provide: AuditorAuthentication, useClass: SessionAuditorAuthentication },
  ],
  exports: [AuditorAuthentication],
})
export class AuditorSignInModule {}
