import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WORK,
} from '../projection/case-steps.spec-helper';
import { contactOf } from './contact.projection';

const CLIENT = '0b7c5d1e-2f3a-4b5c-9d6e-7f8a9b0c1d2e';

const steps = caseSteps(CLIENT, [
  enrolment('2025-03-01T09:00:00.000Z', 2),
  event(GGZ, 'contact-attempted', { channel: 'phone', outcome: 'no-answer' }),
  event(MUNICIPALITY, 'case-lead-assigned', {
    leadPartner: GGZ.id,
    leadActor: 'emp-7',
    reason: 'vertrouwt GGZ',
  }),
  event(WORK, 'visit-held', {
    location: 'home',
    lifeAreasDiscussed: ['finances'],
    withPartners: [MUNICIPALITY.id],
    durationMinutes: 30,
  }),
]);
const rows = steps.flatMap(contactOf);

describe('the contacts', () => {
  it('keeps attempts and visits only, each with the lead of its moment', () => {
    expect(rows).toEqual([
      {
        position: 2,
        clientId: CLIENT,
        partnerId: GGZ.id,
        at: new Date(steps[1]!.event.occurredAt),
        leadPartner: null,
        kind: 'attempt',
        channel: 'phone',
        outcome: 'no-answer',
        location: null,
        withPartners: [],
      },
      {
        position: 4,
        clientId: CLIENT,
        partnerId: WORK.id,
        at: new Date(steps[3]!.event.occurredAt),
        leadPartner: GGZ.id,
        kind: 'visit',
        channel: null,
        outcome: null,
        location: 'home',
        withPartners: [MUNICIPALITY.id],
      },
    ]);
  });

  it('copies the partners of a visit rather than sharing the event’s list', () => {
    const visit = steps[3]!;
    const [row] = contactOf(visit);
    expect(row!.withPartners).not.toBe(
      (visit.event.data as { withPartners: string[] }).withPartners,
    );
  });
});
