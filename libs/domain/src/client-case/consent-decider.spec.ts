import {
  command,
  enrolled,
  event,
  expectRecorded,
  GGZ,
  MUNICIPALITY,
  signalled,
  spec,
  WELFARE,
} from './client-case.spec-helper';

describe('consent', () => {
  const toMunicipality = {
    toPartner: MUNICIPALITY.partnerId,
    categories: ['assessment', 'content'],
  } as const;

  it.each(['consent-granted', 'consent-withdrawn'] as const)(
    '%s is recorded for the partner whose data it concerns',
    (name) => {
      expectRecorded([enrolled, signalled(GGZ)], GGZ, name, toMunicipality);
    },
  );

  it('may concern a partner that is not involved yet', () => {
    const toWelfare = { toPartner: WELFARE.partnerId, categories: ['contact'] } as const;
    expectRecorded([enrolled, signalled(GGZ)], GGZ, 'consent-granted', toWelfare);
  });

  it('records a withdrawal of consent that was never granted', () => {
    expectRecorded(
      [
        enrolled,
        signalled(GGZ),
        event(GGZ, 'consent-granted', { ...toMunicipality, categories: ['contact'] }),
      ],
      GGZ,
      'consent-withdrawn',
      toMunicipality,
    );
  });

  it('is refused from a partner that is not involved', () => {
    spec
      .given([enrolled])
      .when(command(GGZ, 'consent-granted', toMunicipality))
      .thenRejects('not-involved');
  });

  it('names the category that is not one of the six', () => {
    spec
      .given([enrolled, signalled(GGZ)])
      .when(
        command(GGZ, 'consent-granted', {
          ...toMunicipality,
          categories: ['assessment', 'diagnosis' as 'content'],
        }),
      )
      .thenRejects('invalid-event', 'data.categories[1]');
  });

  it('needs at least one category', () => {
    spec
      .given([enrolled, signalled(GGZ)])
      .when(command(GGZ, 'consent-granted', { ...toMunicipality, categories: [] }))
      .thenRejects('invalid-event', 'data.categories');
  });

  it('is given to another partner, not to oneself', () => {
    spec
      .given([enrolled, signalled(GGZ)])
      .when(command(GGZ, 'consent-granted', { ...toMunicipality, toPartner: GGZ.partnerId }))
      .thenRejects('invalid-event', 'data.toPartner');
  });

  it('can still be withdrawn after the case closed', () => {
    expectRecorded(
      [enrolled, signalled(GGZ), event(MUNICIPALITY, 'case-closed', { reason: 'goal-reached' })],
      GGZ,
      'consent-withdrawn',
      toMunicipality,
    );
  });

  it('can no longer be granted after the case closed', () => {
    spec
      .given([
        enrolled,
        signalled(GGZ),
        event(MUNICIPALITY, 'case-closed', { reason: 'goal-reached' }),
      ])
      .when(command(GGZ, 'consent-granted', toMunicipality))
      .thenRejects('case-closed');
  });
});
