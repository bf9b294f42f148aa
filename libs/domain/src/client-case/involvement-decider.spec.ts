import {
  command,
  enrolled,
  event,
  expectRecorded,
  GGZ,
  GP,
  HOUSING,
  leadAssigned,
  MUNICIPALITY,
  spec,
  WELFARE,
  WORK,
} from './client-case.spec-helper';

describe('involvement-signalled', () => {
  it.each([GGZ, GP, WORK, MUNICIPALITY])(
    'involves a $partnerKind partner the intake matched on the BSN',
    (partner) => {
      expectRecorded([enrolled], partner, 'involvement-signalled', {});
    },
  );

  it.each([HOUSING, WELFARE])(
    'is not for a $partnerKind partner, which may not use the BSN',
    (partner) => {
      spec
        .given([enrolled])
        .when(command(partner, 'involvement-signalled', {}))
        .thenRejects('type-not-allowed');
    },
  );

  it('lets the signalling partner publish from then on', () => {
    expectRecorded([enrolled, event(GGZ, 'involvement-signalled', {})], GGZ, 'contact-attempted', {
      channel: 'letter',
      outcome: 'reached',
    });
  });
});

describe('a partner that is not involved', () => {
  it('may not publish about the client', () => {
    spec
      .given([enrolled])
      .when(command(GGZ, 'contact-attempted', { channel: 'phone', outcome: 'no-answer' }))
      .thenRejects('not-involved');
  });

  it('is told it is not involved before the case is found closed', () => {
    spec
      .given([enrolled, event(MUNICIPALITY, 'case-closed', { reason: 'moved' })])
      .when(command(HOUSING, 'ladder-step-reached', { rung: 3 }))
      .thenRejects('not-involved');
  });
});

describe('involvement-ended', () => {
  const signalledGgz = event(GGZ, 'involvement-signalled', {});

  it('ends the involved partner its own involvement', () => {
    expectRecorded([enrolled, signalledGgz], GGZ, 'involvement-ended', {
      reason: 'treatment finished',
    });
  });

  it('leaves the partner not involved', () => {
    spec
      .given([enrolled, signalledGgz, event(GGZ, 'involvement-ended', {})])
      .when(command(GGZ, 'ladder-step-reached', { rung: 2 }))
      .thenRejects('not-involved');
  });

  it('can be undone by signalling again', () => {
    expectRecorded(
      [enrolled, signalledGgz, event(GGZ, 'involvement-ended', {}), signalledGgz],
      GGZ,
      'ladder-step-reached',
      { rung: 2 },
    );
  });

  it('is refused from a partner that is not involved', () => {
    spec
      .given([enrolled])
      .when(command(GGZ, 'involvement-ended', {}))
      .thenRejects('not-involved');
  });

  it('is refused from the enrolling municipality, which stays accountable', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'involvement-ended', {}))
      .thenRejects('type-not-allowed');
  });

  it('is refused from the case lead until it hands the lead over', () => {
    spec
      .given([enrolled, signalledGgz, leadAssigned(GGZ)])
      .when(command(GGZ, 'involvement-ended', {}))
      .thenRejects('type-not-allowed');
  });
});

describe('client-reference-linked', () => {
  it('links the reference of an involved partner', () => {
    expectRecorded(
      [enrolled, event(WORK, 'involvement-signalled', {})],
      WORK,
      'client-reference-linked',
      { reference: 'senzer-77' },
    );
  });

  it('is refused from a partner that is not involved', () => {
    spec
      .given([enrolled])
      .when(command(WORK, 'client-reference-linked', { reference: 'senzer-77' }))
      .thenRejects('not-involved');
  });
});

describe('involvement-confirmed', () => {
  const signalled = event(GGZ, 'involvement-signalled', {});
  const confirm = { partner: GGZ.partnerId };

  it('lets the enrolling municipality vouch for a match made on a signal', () => {
    expectRecorded([enrolled, signalled], MUNICIPALITY, 'involvement-confirmed', confirm);
  });

  it('is the enrolling municipality’s alone', () => {
    spec
      .given([enrolled, signalled, event(WORK, 'involvement-signalled', {})])
      .when(command(WORK, 'involvement-confirmed', confirm))
      .thenRejects('type-not-allowed');
  });

  it('needs a match still waiting: not one confirmed, nor a partner that came by referral', () => {
    spec
      .given([enrolled, signalled, event(MUNICIPALITY, 'involvement-confirmed', confirm)])
      .when(command(MUNICIPALITY, 'involvement-confirmed', confirm))
      .thenRejects('match-not-pending');
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'involvement-confirmed', confirm))
      .thenRejects('match-not-pending');
  });

  it('asks again after the partner left and signalled anew', () => {
    expectRecorded(
      [
        enrolled,
        signalled,
        event(MUNICIPALITY, 'involvement-confirmed', confirm),
        event(GGZ, 'involvement-ended', {}),
        signalled,
      ],
      MUNICIPALITY,
      'involvement-confirmed',
      confirm,
    );
  });
});
