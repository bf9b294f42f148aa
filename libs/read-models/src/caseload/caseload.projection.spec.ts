import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WORK,
} from '../projection/case-steps.spec-fixtures';
import { rowKey } from '../projection/row-fold';
import type { CaseloadClientEntity } from './caseload-client.entity';
import { caseloadFold } from './caseload.projection';

const CLIENT = '8d3c9a52-6a3a-4a8e-9f55-2f0c1e2b7a11';

/** Folds the steps as the projection does, one row per client. */
function caseload(...events: Parameters<typeof caseSteps>[1]): CaseloadClientEntity {
  let row: CaseloadClientEntity | undefined;
  for (const step of caseSteps(CLIENT, events)) {
    [row] = caseloadFold.fold(new Map(row ? [[rowKey([CLIENT]), row]] : []), step);
  }
  return row!;
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
      ownReferences: { [MUNICIPALITY.id]: 'GM-1' },
      personSealed: 'c2VhbGVk',
      openReferrals: 0,
      lastContactAt: null,
      attemptsSinceContact: [],
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

  it('marks an erased client and drops the sealed person', () => {
    const row = caseload(enrolment(at(1)), event({ id: 'admin' }, 'client-erased', {}, at(9)));
    expect(row).toMatchObject({ status: 'erased', personSealed: null });
  });
});
