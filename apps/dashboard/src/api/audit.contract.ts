/** The audit API's types, shared with the hub; type-only, like `contract.ts`. */
export type {
  AccessLogView,
  AccessLogViewPage,
  Disclosure,
  IntegrityView,
  VerificationRun,
} from '../../../../libs/audit/src/audit.contract';
