export { IdentityModule } from './identity.module';
export { identityMigrations } from './identity.migrations';
export { IdentitySettings, identitySettingsFrom, OIDC_CALLBACK_PATH } from './identity.settings';
export type { OidcSettings } from './identity.settings';
export { IDENTITY, openIdentityDataSource } from './identity-data-source';
export { AccountsService } from './accounts/accounts-service';
export type { NewAccount } from './accounts/accounts-service';
export { AuditorSignInModule } from './auditors/auditor-sign-in.module';
export { SESSION_COOKIE } from './sessions/session-cookie';
export {
  CurrentCaseLead,
  CurrentViewer,
  DashboardAuthGuard,
  Roles,
} from './sessions/dashboard-auth.guard';
export { sessionViewOf } from './sessions/viewer';
export type { CaseLead, Viewer } from './sessions/viewer';
