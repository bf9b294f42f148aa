import {
  command,
  enrolled,
  event,
  expectRecorded,
  GGZ,
  HOUSING,
  leadAssigned,
  MUNICIPALITY,
  signalled,
  spec,
  WORK,
} from './client-case.spec-helper';

describe('case-lead-assigned', () => {
  const toGgz = { leadPartner: GGZ.partnerId, leadActor: 'ggz-coach-3', reason: 'trusted most' };

  it('lets the municipality give the lead to an involved partner', () => {
    expectRecorded([enrolled, signalled(GGZ)], MUNICIPALITY, 'case-lead-assigned', toGgz);
  });

  it('lets the current lead hand it over', () => {
    const toWork = { leadPartner: WORK.partnerId, leadActor: 'jobcoach-1' };
    expectRecorded(
      [enrolled, signalled(GGZ), signalled(WORK), leadAssigned(GGZ)],
      GGZ,
      'case-lead-assigned',
      toWork,
    );
  });

  it('is refused from an involved partner that neither enrolled nor leads', () => {
    spec
      .given([enrolled, signalled(GGZ), signalled(WORK)])
      .when(command(WORK, 'case-lead-assigned', toGgz))
      .thenRejects('type-not-allowed');
  });

  it('is refused from the former lead after a handover', () => {
    spec
      .given([enrolled, signalled(GGZ), signalled(WORK), leadAssigned(GGZ), leadAssigned(WORK)])
      .when(command(GGZ, 'case-lead-assigned', toGgz))
      .thenRejects('type-not-allowed');
  });

  it('is refused from a partner that is not involved', () => {
    spec
      .given([enrolled, signalled(GGZ)])
      .when(command(HOUSING, 'case-lead-assigned', toGgz))
      .thenRejects('not-involved');
  });

  it('refuses a lead partner that is not involved', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'case-lead-assigned', toGgz))
      .thenRejects('lead-not-involved');
  });

  it('refuses a lead partner whose involvement ended', () => {
    spec
      .given([enrolled, signalled(GGZ), event(GGZ, 'involvement-ended', {})])
      .when(command(MUNICIPALITY, 'case-lead-assigned', toGgz))
      .thenRejects('lead-not-involved');
  });
});
