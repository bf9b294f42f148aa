/** The audit API's types, shared with the hub; type-only, like `contract.ts`. */
export type {
  AccessLogView,
  AccessLogViewPage,
  AsOfClock,
  Disclosure,
  ErasurePlan,
  ErasureRequestView,
  IntegrityView,
  PartnerEventSight,
  PartnerSight,
  ReplayTimelineEntry,
  ReplayView,
  VerificationRun,
} from '../../../../libs/audit/src/audit.contract';
