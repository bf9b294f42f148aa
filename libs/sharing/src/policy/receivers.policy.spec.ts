import { evolve, evolveAll } from '@samenloop/domain';
import { receiversOf } from './receivers.policy';
import {
  AGREEMENTS,
  enrolment,
  EVERYONE_INVOLVED,
  GGZ,
  MUNICIPALITY,
  PARTNERS,
  stored,
  WORK,
} from './entitlement.spec-helper';

const ALL_PARTNERS = Object.values(PARTNERS);

function receivers(event: ReturnType<typeof stored>, stateBefore = EVERYONE_INVOLVED) {
  const senderKind = ALL_PARTNERS.find(({ id }) => id === event.partnerId)?.kind;
  return receiversOf({
    partners: ALL_PARTNERS,
    agreements: AGREEMENTS,
    event,
    stateBefore,
    stateAfter: evolve(stateBefore, event),
    senderKind,
  }).map(({ receiver, entitlement }) => [receiver.id, entitlement.omitFields]);
}

describe('receiversOf', () => {
  it('lists each partner an event goes to, with what to strip', () => {
    const visit = stored(GGZ, 'visit-held', {
      location: 'home',
      lifeAreasDiscussed: ['mental-health'],
      notes: 'slept badly',
    });
    expect(receivers(visit)).toEqual([
      ['gemeente-helmond', ['notes']],
      ['huisartsen-helmond', ['notes']],
      ['werkbedrijf-helmond', ['notes']],
      ['woonbedrijf', ['notes']],
      ['wijkteam-welzijn', ['notes']],
    ]);
  });

  it('matches a signal to every partner involved, the signaller included', () => {
    const withGgz = evolveAll([enrolment, stored(GGZ, 'involvement-signalled', {})]);
    expect(receivers(stored(WORK, 'involvement-signalled', {}), withGgz)).toEqual([
      [MUNICIPALITY.id, []],
      [GGZ.id, []],
      [WORK.id, []],
    ]);
  });
});
