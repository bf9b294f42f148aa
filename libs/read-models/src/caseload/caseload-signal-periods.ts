import type { SignalRule } from '@samenloop/contracts';
import type { Period, SignalPeriods } from '../signals/signal-periods';
import type { CaseloadClientEntity } from './caseload-client.entity';

export type PeriodsProperty =
  | 'unreachedPeriods'
  | 'referralUnansweredPeriods'
  | 'pastEachOtherPeriods'
  | 'noContactPeriods'
  | 'noCaseLeadPeriods';

/**
 * Where the caseload row (and its members) keep each rule's periods, and where a caseload member
 * keeps the rule's flag (`CaseloadSignalsJob`).
 */
export const SIGNAL_PERIODS_COLUMN: Readonly<
  Record<SignalRule, { property: PeriodsProperty; column: string; flag: string }>
> = {
  'unreached-after-attempts': {
    property: 'unreachedPeriods',
    column: 'unreached_periods',
    flag: 'unreached',
  },
  'referral-unanswered': {
    property: 'referralUnansweredPeriods',
    column: 'referral_unanswered_periods',
    flag: 'referral_unanswered',
  },
  'working-past-each-other': {
    property: 'pastEachOtherPeriods',
    column: 'past_each_other_periods',
    flag: 'past_each_other',
  },
  'no-contact': { property: 'noContactPeriods', column: 'no_contact_periods', flag: 'no_contact' },
  'no-case-lead': {
    property: 'noCaseLeadPeriods',
    column: 'no_case_lead_periods',
    flag: 'no_case_lead',
  },
};

/** A PostgreSQL `tstzmultirange` literal; the server merges overlapping periods itself. */
export function multirangeLiteral(periods: readonly Period[]): string {
  const bound = (time: Date | null) => time?.toISOString() ?? '';
  const ranges = periods.map(
    ({ from, includesFrom, to, includesTo }) =>
      `${includesFrom && from ? '[' : '('}${bound(from)},${bound(to)}${includesTo && to ? ']' : ')'}`,
  );
  return `{${ranges.join(',')}}`;
}

export function periodsColumns(
  periods: SignalPeriods,
): Pick<CaseloadClientEntity, PeriodsProperty> {
  const columns = {} as Pick<CaseloadClientEntity, PeriodsProperty>;
  for (const [rule, { property }] of Object.entries(SIGNAL_PERIODS_COLUMN)) {
    columns[property] = multirangeLiteral(periods[rule as SignalRule]);
  }
  return columns;
}
