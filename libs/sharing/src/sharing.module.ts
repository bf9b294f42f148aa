import { Module } from '@nestjs/common';
import { CallerIdentity } from '@samenloop/platform';
import { AdminAuthGuard } from './auth/admin-auth.guard';
import { BearerCallerIdentity } from './auth/bearer-caller-identity';
import { PartnerAuthGuard } from './auth/partner-auth.guard';
import { BsnIndex } from './matching/bsn-index';
import { BsnSignalThrottle } from './matching/bsn-signal-throttle';
import {
  SharingAgreements,
  sharingAgreementsProvider,
} from './agreements/sharing-agreements-provider';
import { AdminCredentials } from './partners/admin-credentials';
import { DemoPartnersSeeder } from './partners/demo-partners-seeder';
import { FirstStartAnnouncer } from './partners/first-start-announcer';
import { PartnerRegistry } from './partners/partner-registry';
import { ReservedPartnersCheck } from './partners/reserved-partners-check';
import { PartnersAdminController } from './partners-admin/partners-admin.controller';
import { ClientReferenceRegistry } from './references/client-reference-registry';

const providers = [
  PartnerRegistry,
  AdminCredentials,
  ClientReferenceRegistry,
  BsnIndex,
  BsnSignalThrottle,
  PartnerAuthGuard,
  AdminAuthGuard,
];

@Module({
  controllers: [PartnersAdminController],
  providers: [
    ...providers,
    sharingAgreementsProvider,
    DemoPartnersSeeder,
    FirstStartAnnouncer,
    ReservedPartnersCheck,
    // The rate limit and the operator endpoints key on the caller a bearer token proves.
    { provide: CallerIdentity, useClass: BearerCallerIdentity },
  ],
  exports: [...providers, SharingAgreements],
})
export class SharingModule {}
