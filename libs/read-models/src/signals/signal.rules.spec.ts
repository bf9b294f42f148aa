import { signalsOf, type SignalFacts } from './signal.rules';
import { afterWorkingDays } from './working-days';

const NOW = new Date('2025-06-30T12:00:00.000Z'); // a Monday
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

const quiet: SignalFacts = {
  status: 'open',
  enrolledAt: daysAgo(60),
  leadPartner: 'gemeente',
  lastContactAt: daysAgo(2),
  attemptsSinceContact: [],
  unansweredReferrals: [],
  visits: [],
};
const rules = (facts: Partial<SignalFacts>) =>
  signalsOf({ ...quiet, ...facts }, NOW).map(({ rule, since }) => ({ rule, since }));

describe('signals', () => {
  it('none for a client that is led and in contact', () => {
    expect(rules({})).toEqual([]);
  });

  it('3 attempts without reaching the client in 30 days, since the third', () => {
    expect(rules({ attemptsSinceContact: [daysAgo(40), daysAgo(20), daysAgo(10)] })).toEqual([]);
    expect(
      rules({ attemptsSinceContact: [daysAgo(25), daysAgo(20), daysAgo(10), daysAgo(1)] }),
    ).toEqual([{ rule: 'unreached-after-attempts', since: daysAgo(10) }]);
  });

  it('a referral unanswered for more than 10 working days, since it became overdue', () => {
    const madeAt = new Date('2025-06-13T09:00:00.000Z'); // a Friday
    expect(rules({ unansweredReferrals: [{ service: 'debt-help', madeAt }] })).toEqual([
      { rule: 'referral-unanswered', since: new Date('2025-06-27T09:00:00.000Z') },
    ]);
    expect(rules({ unansweredReferrals: [{ service: 'debt-help', madeAt: daysAgo(13) }] })).toEqual(
      [],
    );
  });

  it('two partners visiting within 7 days, neither the lead nor together, since the second visit', () => {
    const visit = (partnerId: string, days: number, extra: object = {}) => ({
      partnerId,
      at: daysAgo(days),
      leadPartner: 'gemeente',
      withPartners: [],
      ...extra,
    });
    expect(rules({ visits: [visit('ggz', 6), visit('werk', 2)] })).toEqual([
      { rule: 'working-past-each-other', since: daysAgo(2) },
    ]);
    expect(rules({ visits: [visit('ggz', 9), visit('werk', 1)] })).toEqual([]);
    expect(rules({ visits: [visit('gemeente', 6), visit('werk', 2)] })).toEqual([]);
    expect(
      rules({ visits: [visit('ggz', 6, { withPartners: ['werk'] }), visit('werk', 2)] }),
    ).toEqual([]);
    expect(rules({ visits: [visit('ggz', 40), visit('werk', 35)] })).toEqual([]);
  });

  it('no contact for 30 days, or since enrolment', () => {
    expect(rules({ lastContactAt: daysAgo(45) })).toEqual([
      { rule: 'no-contact', since: daysAgo(15) },
    ]);
    expect(rules({ lastContactAt: null, enrolledAt: daysAgo(31) })).toEqual([
      { rule: 'no-contact', since: daysAgo(1) },
    ]);
  });

  it('no case lead, since enrolment', () => {
    expect(rules({ leadPartner: null })).toEqual([{ rule: 'no-case-lead', since: daysAgo(60) }]);
  });

  it('none for a closed or erased case', () => {
    expect(rules({ status: 'closed', leadPartner: null, lastContactAt: null })).toEqual([]);
    expect(rules({ status: 'erased', leadPartner: null })).toEqual([]);
  });
});

describe('working days', () => {
  it('skip weekends', () => {
    expect(afterWorkingDays(new Date('2025-06-02T10:00:00Z'), 10)).toEqual(
      new Date('2025-06-16T10:00:00Z'),
    );
    expect(afterWorkingDays(new Date('2025-06-07T10:00:00Z'), 1)).toEqual(
      new Date('2025-06-09T10:00:00Z'),
    );
  });
});
