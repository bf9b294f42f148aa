import { EVENT_NAMES } from '../catalogue/event-type.catalogue';
import { PARTNER_KINDS } from '../partners/partner-kind.catalogue';
import {
  command,
  enrolled,
  eraseByAdmin,
  event,
  expectRecorded,
  GGZ,
  MUNICIPALITY,
  spec,
  validCommand,
} from './client-case.spec-helper';

describe('client-enrolled', () => {
  const data = {
    municipality: 'GM0794',
    programme: 'Samen Verder',
    profile: 'social-activation-with-care' as const,
    startRung: 1 as const,
    person: { sealed: 'c2VhbGVk' },
    reference: 'helmond-4711',
  };

  it('enrols a new client as the municipality stated it, actor included', () => {
    spec
      .given([])
      .when(command(MUNICIPALITY, 'client-enrolled', data, { actor: 'emp-1234' }))
      .then([event(MUNICIPALITY, 'client-enrolled', data, { actor: 'emp-1234' })]);
  });

  it('enrols with only the required fields', () => {
    const minimal = { municipality: 'GM0794', person: { sealed: 'c2VhbGVk' } };
    expectRecorded([], MUNICIPALITY, 'client-enrolled', minimal);
  });

  it('refuses to enrol a client twice', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'client-enrolled', data))
      .thenRejects('already-enrolled');
  });

  it.each(PARTNER_KINDS.filter((kind) => kind !== 'municipality'))(
    'is for municipalities only, not a %s partner',
    (partnerKind) => {
      spec
        .given([])
        .when(command({ partnerId: 'p', partnerKind }, 'client-enrolled', data))
        .thenRejects('type-not-allowed');
    },
  );

  it.each([0, 7, 2.5])('refuses start rung %p', (startRung) => {
    spec
      .given([])
      .when(command(MUNICIPALITY, 'client-enrolled', { ...data, startRung: startRung as 1 }))
      .thenRejects('invalid-event', 'data.startRung');
  });

  it('refuses a profile outside the four', () => {
    spec
      .given([])
      .when(
        command(MUNICIPALITY, 'client-enrolled', { ...data, profile: 'care' as 'work-activation' }),
      )
      .thenRejects('invalid-event', 'data.profile');
  });

  it('refuses a municipality that is not a CBS code', () => {
    spec
      .given([])
      .when(command(MUNICIPALITY, 'client-enrolled', { ...data, municipality: 'Helmond' }))
      .thenRejects('invalid-event', 'data.municipality');
  });

  it('refuses a person that was not sealed by the intake', () => {
    const person = { givenName: 'Jan', familyName: 'Jansen' } as unknown as { sealed: string };
    spec
      .given([])
      .when(command(MUNICIPALITY, 'client-enrolled', { ...data, person }))
      .thenRejects('invalid-event', 'data.person.sealed');
  });
});

describe('a client that was never enrolled', () => {
  it.each(EVENT_NAMES.filter((name) => name !== 'client-enrolled' && name !== 'client-erased'))(
    'is unknown to %s',
    (name) => {
      spec.given([]).when(validCommand(MUNICIPALITY, name)).thenRejects('unknown-client');
    },
  );

  it('is unknown to the administrator erasing it', () => {
    spec.given([]).when(eraseByAdmin).thenRejects('unknown-client');
  });

  it('answers a disallowed type before revealing that the client does not exist', () => {
    spec.given([]).when(validCommand(GGZ, 'client-enrolled')).thenRejects('type-not-allowed');
  });
});
