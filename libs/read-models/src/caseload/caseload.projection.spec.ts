import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WORK,
} from '../projection/case-steps.spec-helper';
import { rowKey } from '../projection/row-fold';
import type { CaseloadClientEntity } from './caseload-client.entity';
import { caseloadFold, type CaseloadFacts } from './caseload.projection';

const CLIENT = '8d3c9a52-6a3a-4a8e-9f55-2f0c1e2b7a11';

/** Folds the steps as the projection does, one row per client, and completes the row. */
function caseload(...events: Parameters<typeof caseSteps>[1]): CaseloadClientEntity {
  let row: CaseloadFacts | undefined;
  for (const step of caseSteps(CLIENT, events)) {
    [row] = caseloadFold.fold(new Map(row ? [[rowKey([CLIENT]), row]] : []), step);
  }
  return caseloadFold.complete(row!);
}

const at = (day: number) => `2025-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const attempt = (day: number, outcome: 'no-answer' | 'reached' | 'declined' | 'appointment-made') =>
  event(MUNICIPALITY, 'contact-attempted', { channel: 'phone', outcome }, at(day));

describe('the caseload projection', () => {
  it('starts a client at its enrolment: open, enrolling partner involved, no lead', () => {
    expect(caseload(enrolment(at(1)))).toEqual({
      clientId: CLIENT,
      municipality: 'GM0794',
      enrollingPartner: MUNICIPALITY.id,
      enrolledAt: new Date(at(1)),
      status: 'open',
      leadPartner: null,
      leadActor: null,
      involved: [MUNICIPALITY.id],
      unconfirmed: [],
      ownReferences: { [MUNICIPALITY.id]: 'GM-1' },
      personSealed: 'c2VhbGVk',
      openReferrals: 0,
      lastContactAt: null,
      attemptsSinceContact: [],
      ladder: [{ rung: 2, at: at(1), position: 1, audience: null }],
      openRung: 2,
      audienceRungs: {},
      unansweredReferrals: {},
      recentVisits: [],
      unreachedPeriods: '{}',
      referralUnansweredPeriods: '{}',
      pastEachOtherPeriods: '{}',
      noContactPeriods: '{[2025-03-31T10:00:00.000Z,)}',
      noCaseLeadPeriods: '{(,)}',
      position: 1,
    });
  });

  it('follows the lead, the involved partners and open referrals from the domain’s own state', () => {
    const row = caseload(
      enrolment(at(1)),
      event(GGZ, 'involvement-signalled', {}, at(2)),
      event(MUNICIPALITY, 'case-lead-assigned', { leadPartner: GGZ.id, leadActor: 'emp-7' }, at(3)),
      event(
        GGZ,
        'referral-made',
        { referralId: 'r1', service: 'work-activation', toPartner: WORK.id },
        at(4),
      ),
      event(GGZ, 'referral-made', { referralId: 'r2', service: 'debt-help' }, at(4)),
      event(WORK, 'referral-accepted', { referralId: 'r1' }, at(5)),
      event(GGZ, 'referral-cancelled', { referralId: 'r2' }, at(6)),
    );
    expect(row).toMatchObject({
      leadPartner: GGZ.id,
      leadActor: 'emp-7',
      involved: [GGZ.id, MUNICIPALITY.id, WORK.id].sort(),
      openReferrals: 1,
      position: 7,
    });
  });

  it('keeps whose match on a signal awaits the municipality’s confirmation, until it or they leave', () => {
    const signalled = [enrolment(at(1)), event(GGZ, 'involvement-signalled', {}, at(2))];
    const confirm = event(MUNICIPALITY, 'involvement-confirmed', { partner: GGZ.id }, at(3));
    const leave = event(GGZ, 'involvement-ended', {}, at(3));
    expect(caseload(...signalled).unconfirmed).toEqual([GGZ.id]);
    expect(caseload(...signalled, confirm).unconfirmed).toEqual([]);
    expect(caseload(...signalled, leave).unconfirmed).toEqual([]);
    expect(caseload(...signalled, confirm, leave, signalled[1]!).unconfirmed).toEqual([GGZ.id]);
    // A partner already involved through a referral made no match on its signal.
    const referred = [
      enrolment(at(1)),
      event(
        MUNICIPALITY,
        'referral-made',
        { referralId: 'r1', service: 'work-activation', toPartner: WORK.id },
        at(2),
      ),
      event(WORK, 'referral-accepted', { referralId: 'r1' }, at(3)),
      event(WORK, 'involvement-signalled', {}, at(4)),
    ];
    expect(caseload(...referred).unconfirmed).toEqual([]);
  });

  it('counts attempts since the last time the client was reached, by when they happened', () => {
    const row = caseload(
      enrolment(at(1)),
      attempt(2, 'no-answer'),
      attempt(4, 'declined'),
      attempt(6, 'no-answer'),
      attempt(8, 'no-answer'),
      // Reported late: an attempt before the last contact changes nothing.
      attempt(3, 'no-answer'),
    );
    expect(row.lastContactAt).toEqual(new Date(at(4)));
    expect(row.attemptsSinceContact).toEqual([new Date(at(6)), new Date(at(8))]);
  });

  it('takes a visit as contact', () => {
    const row = caseload(
      enrolment(at(1)),
      attempt(2, 'no-answer'),
      event(GGZ, 'visit-held', { location: 'home', lifeAreasDiscussed: ['finances'] }, at(5)),
    );
    expect(row).toMatchObject({ lastContactAt: new Date(at(5)), attemptsSinceContact: [] });
  });

  it('keeps the current rung each partner may count: a health partner’s only for itself', () => {
    const row = caseload(
      enrolment(at(1)),
      event(GGZ, 'ladder-step-reached', { rung: 4 }, at(5)),
      event(MUNICIPALITY, 'ladder-step-reached', { rung: 3 }, at(3)),
    );
    expect(row.ladder.map(({ rung }) => rung)).toEqual([2, 3, 4]);
    expect(row).toMatchObject({ openRung: 3, audienceRungs: { [GGZ.id]: 4 } });
  });

  it('keeps the unanswered referrals since they were made, for the signal after 10 working days', () => {
    const row = caseload(
      enrolment(at(1)),
      event(GGZ, 'referral-made', { referralId: 'r1', service: 'debt-help' }, at(3)),
      event(
        GGZ,
        'referral-made',
        { referralId: 'r2', service: 'work-activation', toPartner: WORK.id },
        at(4),
      ),
      event(WORK, 'referral-accepted', { referralId: 'r2' }, at(5)),
    );
    expect(row.unansweredReferrals).toEqual({
      r1: { service: 'debt-help', madeAt: at(3) },
    });
    // Monday 3 March plus 10 working days, exclusive: overdue only after that moment.
    expect(row.referralUnansweredPeriods).toBe('{(2025-03-17T10:00:00.000Z,)}');
  });

  it('keeps the visits that can still make a pair, whatever order they arrive in', () => {
    const visit = (partner: typeof GGZ, time: string) =>
      event(partner, 'visit-held', { location: 'home', lifeAreasDiscussed: [] }, time);
    // 38 days before the latest visit: too long ago to pair with anything that can still signal.
    const old = '2025-02-21T10:00:00.000Z';
    const latestFirst = caseload(
      enrolment(at(1)),
      visit(WORK, at(31)),
      visit(GGZ, at(28)),
      visit(GGZ, old),
    );
    const inOrder = caseload(
      enrolment(at(1)),
      visit(GGZ, old),
      visit(GGZ, at(28)),
      visit(WORK, at(31)),
    );
    expect(inOrder.recentVisits).toEqual(latestFirst.recentVisits);
    expect(inOrder.recentVisits.map(({ at }) => at)).toEqual([at(28), at(31)]);
    // GGZ on the 28th and work on the 31st, neither the lead: for 30 days after the 31st.
    expect(inOrder.pastEachOtherPeriods).toBe(
      '{[2025-03-31T10:00:00.000Z,2025-04-30T10:00:00.000Z]}',
    );
  });

  it('marks an erased client and drops the sealed person', () => {
    const row = caseload(enrolment(at(1)), event({ id: 'admin' }, 'client-erased', {}, at(9)));
    expect(row).toMatchObject({ status: 'erased', personSealed: null });
  });
});
