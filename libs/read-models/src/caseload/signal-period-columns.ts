import { Column } from 'typeorm';

/**
 * When each signal holds (`signalPeriods`), as the caseload row and each of its members keep it:
 * a query asks `@> now`. PostgreSQL multirange literals; read back in the server's text form.
 */
export abstract class SignalPeriodColumns {
  @Column({ name: 'unreached_periods', type: 'tstzmultirange' })
  unreachedPeriods!: string;

  @Column({ name: 'referral_unanswered_periods', type: 'tstzmultirange' })
  referralUnansweredPeriods!: string;

  @Column({ name: 'past_each_other_periods', type: 'tstzmultirange' })
  pastEachOtherPeriods!: string;

  @Column({ name: 'no_contact_periods', type: 'tstzmultirange' })
  noContactPeriods!: string;

  @Column({ name: 'no_case_lead_periods', type: 'tstzmultirange' })
  noCaseLeadPeriods!: string;
}
