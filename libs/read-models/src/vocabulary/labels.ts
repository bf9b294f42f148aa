// The labels live in the domain catalogue, shared with the subject-access report.
export {
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  CONTACT_OUTCOME_LABELS,
  label,
  LANGS,
  LIFE_AREA_LABELS,
  LOCATION_LABELS,
  REFERRAL_OUTCOME_LABELS,
  rungLabel,
  SERVICE_LABELS,
  type Lang,
} from '@samenloop/domain';
