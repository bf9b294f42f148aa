import {
  command,
  enrolled,
  event,
  expectRecorded,
  GGZ,
  GP,
  HOUSING,
  MUNICIPALITY,
  signalled,
  spec,
} from './client-case.spec-helper';

const ref = { referralId: 'ref-1' };
const toGp = { ...ref, service: 'gp', toPartner: GP.partnerId, reason: 'sleeps badly' } as const;
const made = event(MUNICIPALITY, 'referral-made', toGp);
const accepted = event(GP, 'referral-accepted', ref);
const declined = event(GP, 'referral-declined', ref);
const completed = event(GP, 'referral-completed', { ...ref, outcome: 'attended' });
const cancelled = event(MUNICIPALITY, 'referral-cancelled', ref);

describe('referral-made', () => {
  it('refers the client to a partner', () => {
    expectRecorded([enrolled], MUNICIPALITY, 'referral-made', toGp);
  });

  it('refuses a referral id that was already made', () => {
    spec
      .given([enrolled, made])
      .when(command(MUNICIPALITY, 'referral-made', toGp))
      .thenRejects('referral-state');
  });

  it('refuses an unknown service', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'referral-made', { ...toGp, service: 'bakery' as 'gp' }))
      .thenRejects('invalid-event', 'data.service');
  });

  it('does not involve the referred partner yet', () => {
    spec
      .given([enrolled, made])
      .when(command(GP, 'contact-attempted', { channel: 'phone', outcome: 'reached' }))
      .thenRejects('not-involved');
  });
});

describe('referral-accepted and referral-declined', () => {
  it.each(['referral-accepted', 'referral-declined'] as const)(
    '%s comes from the referred partner before it is involved',
    (name) => {
      expectRecorded([enrolled, made], GP, name, { ...ref, reason: 'can see her Tuesday' });
    },
  );

  it('accepting involves the referred partner', () => {
    expectRecorded([enrolled, made, accepted], GP, 'ladder-step-reached', { rung: 2 });
  });

  it('declining does not', () => {
    spec
      .given([enrolled, made, declined])
      .when(command(GP, 'ladder-step-reached', { rung: 2 }))
      .thenRejects('not-involved');
  });

  it.each([
    ['accepted', 'referral-accepted', accepted],
    ['accepted', 'referral-declined', accepted],
    ['declined', 'referral-accepted', declined],
    ['declined', 'referral-declined', declined],
    ['cancelled', 'referral-accepted', cancelled],
  ] as const)('refuses a referral already %s: %s', (_status, name, answer) => {
    spec
      .given([enrolled, made, answer])
      .when(command(GP, name, ref))
      .thenRejects('referral-state');
  });

  it('refuses an answer from another involved partner', () => {
    spec
      .given([enrolled, signalled(GGZ), made])
      .when(command(GGZ, 'referral-accepted', ref))
      .thenRejects('referral-state');
  });

  it('tells an uninvolved stranger only that it is not involved', () => {
    spec
      .given([enrolled, made])
      .when(command(HOUSING, 'referral-accepted', ref))
      .thenRejects('not-involved');
  });

  it('refuses an unknown referral from an involved partner', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'referral-accepted', ref))
      .thenRejects('referral-state');
  });

  it('refuses an answer once the case is closed', () => {
    spec
      .given([enrolled, made, event(MUNICIPALITY, 'case-closed', { reason: 'moved' })])
      .when(command(GP, 'referral-accepted', ref))
      .thenRejects('case-closed');
  });
});

describe('referral-completed', () => {
  const outcome = { ...ref, outcome: 'ended-early' } as const;

  it('closes the loop after acceptance', () => {
    expectRecorded([enrolled, made, accepted], GP, 'referral-completed', outcome);
  });

  it('still closes the loop after the referred partner left', () => {
    expectRecorded(
      [enrolled, made, accepted, event(GP, 'involvement-ended', {})],
      GP,
      'referral-completed',
      outcome,
    );
  });

  it('refuses completion before acceptance', () => {
    spec
      .given([enrolled, made])
      .when(command(GP, 'referral-completed', outcome))
      .thenRejects('referral-state');
  });

  it('refuses completion by another involved partner', () => {
    spec
      .given([enrolled, made, accepted])
      .when(command(MUNICIPALITY, 'referral-completed', outcome))
      .thenRejects('referral-state');
  });

  it.each([
    ['completed', completed],
    ['cancelled', cancelled],
  ] as const)('refuses completing a referral already %s', (_status, ended) => {
    spec
      .given([enrolled, made, accepted, ended])
      .when(command(GP, 'referral-completed', outcome))
      .thenRejects('referral-state');
  });

  it('refuses an unknown outcome', () => {
    spec
      .given([enrolled, made, accepted])
      .when(command(GP, 'referral-completed', { ...ref, outcome: 'cured' as 'attended' }))
      .thenRejects('invalid-event', 'data.outcome');
  });
});

describe('referral-cancelled', () => {
  it.each([
    ['made', []],
    ['accepted', [accepted]],
  ] as const)('lets the referrer cancel a referral that is %s', (_status, history) => {
    expectRecorded([enrolled, made, ...history], MUNICIPALITY, 'referral-cancelled', {
      ...ref,
      reason: 'client moved',
    });
  });

  it('refuses a cancellation by anyone else', () => {
    spec
      .given([enrolled, made, accepted])
      .when(command(GP, 'referral-cancelled', ref))
      .thenRejects('referral-state');
  });

  it.each([
    ['completed', [accepted, completed]],
    ['declined', [declined]],
    ['cancelled', [cancelled]],
  ] as const)('refuses cancelling a referral already %s', (_status, history) => {
    spec
      .given([enrolled, made, ...history])
      .when(command(MUNICIPALITY, 'referral-cancelled', ref))
      .thenRejects('referral-state');
  });

  it('refuses an unknown referral', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'referral-cancelled', ref))
      .thenRejects('referral-state');
  });
});

describe('a referral to a service outside the hub', () => {
  const outside = event(MUNICIPALITY, 'referral-made', { ...ref, service: 'sport' });

  it('is answered by the referrer on the service’s behalf', () => {
    expectRecorded(
      [enrolled, outside, event(MUNICIPALITY, 'referral-accepted', ref)],
      MUNICIPALITY,
      'referral-completed',
      { ...ref, outcome: 'attended' },
    );
  });

  it('is not answered by another involved partner', () => {
    spec
      .given([enrolled, signalled(GGZ), outside])
      .when(command(GGZ, 'referral-accepted', ref))
      .thenRejects('referral-state');
  });
});
