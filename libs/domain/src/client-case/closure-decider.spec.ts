import { EVENT_NAMES } from '../catalogue/event-type.catalogue';
import { PARTNER_KINDS } from '../partners/partner-kind.catalogue';
import { ADMIN_PARTNER_ID } from './client-case-event';
import {
  command,
  enrolled,
  eraseByAdmin,
  event,
  expectRecorded,
  GGZ,
  leadAssigned,
  MUNICIPALITY,
  signalled,
  spec,
  validCommand,
  WORK,
} from './client-case.spec-helper';

const closed = event(MUNICIPALITY, 'case-closed', { reason: 'goal-reached' });
const erased = {
  type: eraseByAdmin.type,
  eventId: eraseByAdmin.eventId,
  partnerId: ADMIN_PARTNER_ID,
  actor: eraseByAdmin.actor,
  occurredAt: eraseByAdmin.occurredAt,
  recordedAt: eraseByAdmin.recordedAt,
  data: eraseByAdmin.data,
};

describe('case-closed', () => {
  it('is closed by the enrolling municipality', () => {
    expectRecorded([enrolled], MUNICIPALITY, 'case-closed', { reason: 'goal-reached' });
  });

  it('is closed by the case lead', () => {
    expectRecorded([enrolled, signalled(GGZ), leadAssigned(GGZ)], GGZ, 'case-closed', {
      reason: 'declined',
    });
  });

  it('is not closed by another involved partner', () => {
    spec
      .given([enrolled, signalled(GGZ), signalled(WORK), leadAssigned(GGZ)])
      .when(command(WORK, 'case-closed', { reason: 'moved' }))
      .thenRejects('type-not-allowed');
  });

  it('refuses a reason outside the list', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'case-closed', { reason: 'bored' as 'other' }))
      .thenRejects('invalid-event', 'data.reason');
  });
});

describe('a closed case', () => {
  // GGZ is involved and allowed every type that is not refused for another reason.
  const history = [enrolled, signalled(GGZ), closed];
  const stillAllowed = ['client-enrolled', 'client-erased', 'consent-withdrawn'];
  const municipalityOnly = ['involvement-confirmed'] as const;

  it.each(
    EVENT_NAMES.filter(
      (name) =>
        !stillAllowed.includes(name) && !(municipalityOnly as readonly string[]).includes(name),
    ),
  )('refuses %s', (name) => {
    spec.given(history).when(validCommand(GGZ, name)).thenRejects('case-closed');
  });

  it.each(municipalityOnly)('refuses %s by the municipality', (name) => {
    spec.given(history).when(validCommand(MUNICIPALITY, name)).thenRejects('case-closed');
  });

  it('can still be erased', () => {
    spec.given(history).when(eraseByAdmin).then([erased]);
  });
});

describe('client-erased', () => {
  it('is recorded as the administrator’s act', () => {
    spec.given([enrolled]).when(eraseByAdmin).then([erased]);
  });

  it.each(PARTNER_KINDS)('is never published by a %s partner', (partnerKind) => {
    spec
      .given([enrolled])
      .when(validCommand({ partnerId: MUNICIPALITY.partnerId, partnerKind }, 'client-erased'))
      .thenRejects('type-not-allowed');
  });

  it('leaves a client unknown to everyone, the administrator included', () => {
    spec.given([enrolled, erased]).when(eraseByAdmin).thenRejects('unknown-client');
    spec
      .given([enrolled, erased])
      .when(validCommand(MUNICIPALITY, 'ladder-step-reached'))
      .thenRejects('unknown-client');
  });

  it('leaves the enrolment taken, so the stream is never reused', () => {
    spec
      .given([enrolled, erased])
      .when(validCommand(MUNICIPALITY, 'client-enrolled'))
      .thenRejects('already-enrolled');
  });
});
