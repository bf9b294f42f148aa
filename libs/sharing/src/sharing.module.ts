import { Module } from '@nestjs/common';
import { AdminAuthGuard } from './auth/admin-auth.guard';
import { PartnerAuthGuard } from './auth/partner-auth.guard';
import { BsnIndex } from './matching/bsn-index';
import { BsnSignalThrottle } from './matching/bsn-signal.throttle';
import {
  SharingAgreements,
  sharingAgreementsProvider,
} from './agreements/sharing-agreements.provider';
import { AdminCredentials } from './partners/admin-credentials';
import { DemoPartnersSeeder } from './partners/demo-partners.seeder';
import { FirstStartAnnouncer } from './partners/first-start.announcer';
import { PartnerRegistry } from './partners/partner.registry';
import { ReservedPartnersCheck } from './partners/reserved-partners.check';
import { PartnersAdminController } from './partners-admin/partners-admin.controller';
import { ClientReferenceRegistry } from './references/client-reference.registry';

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
  ],
  exports: [...providers, SharingAgreements],
})
export class SharingModule {}
