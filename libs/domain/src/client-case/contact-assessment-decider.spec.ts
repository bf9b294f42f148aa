import { ZRM_2017_LIFE_AREAS } from '../catalogue/life-area.catalogue';
import type { ClientCaseCommand } from './client-case.command';
import { clientCaseDecider, decide } from './client-case-decider';
import type { CaseRules } from './client-case.rules';
import type { ClientCaseState } from './client-case-state';
import {
  command,
  enrolled,
  event,
  expectRecorded,
  GGZ,
  MUNICIPALITY,
  signalled,
  spec,
} from './client-case.spec-helper';
import { deciderSpec } from './decider.spec-helper';

describe('contact-attempted', () => {
  it('records an attempt', () => {
    const data = { channel: 'doorstep', outcome: 'appointment-made' } as const;
    expectRecorded([enrolled], MUNICIPALITY, 'contact-attempted', data);
  });

  it.each([
    ['data.channel', { channel: 'pigeon', outcome: 'reached' }],
    ['data.outcome', { channel: 'phone', outcome: 'maybe' }],
  ])('refuses an unknown %s', (field, data) => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'contact-attempted', data as never))
      .thenRejects('invalid-event', field);
  });
});

describe('visit-held', () => {
  const visit = {
    location: 'neighbourhood-centre',
    lifeAreasDiscussed: ['finances', 'social-network'],
    withPartners: [GGZ.partnerId],
    durationMinutes: 45,
    notes: 'Talked about the debts over coffee.',
  } as const;

  it('records a visit, notes included', () => {
    expectRecorded([enrolled, signalled(GGZ)], GGZ, 'visit-held', visit);
  });

  it('names the offending life area by its position', () => {
    spec
      .given([enrolled])
      .when(
        command(MUNICIPALITY, 'visit-held', {
          ...visit,
          lifeAreasDiscussed: ['finances', 'cooking'],
        }),
      )
      .thenRejects('invalid-event', 'data.lifeAreasDiscussed[1]');
  });

  it('refuses an unknown location', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'visit-held', { ...visit, location: 'park' as 'home' }))
      .thenRejects('invalid-event', 'data.location');
  });

  it.each([0, -10, 12.5])('refuses a duration of %p minutes', (durationMinutes) => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'visit-held', { ...visit, durationMinutes }))
      .thenRejects('invalid-event', 'data.durationMinutes');
  });
});

describe('life-areas-assessed', () => {
  const assessment = {
    instrument: 'ZRM-2017',
    scores: { finances: 1, housing: 4, 'social-network': 2 },
  } as const;

  it('records scores on the configured life areas', () => {
    expectRecorded([enrolled], MUNICIPALITY, 'life-areas-assessed', assessment);
  });

  it('refuses a code outside the configured set', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'life-areas-assessed', { ...assessment, scores: { hobbies: 3 } }))
      .thenRejects('invalid-event', 'data.scores.hobbies');
  });

  it.each([0, 6, 2.5])('refuses score %p', (score) => {
    spec
      .given([enrolled])
      .when(
        command(MUNICIPALITY, 'life-areas-assessed', {
          ...assessment,
          scores: { housing: score as 1 },
        }),
      )
      .thenRejects('invalid-event', 'data.scores.housing');
  });

  it('refuses an assessment without scores', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'life-areas-assessed', { ...assessment, scores: {} }))
      .thenRejects('invalid-event', 'data.scores');
  });
});

describe('ladder-step-reached', () => {
  it.each([1, 6] as const)('records rung %p', (rung) => {
    expectRecorded([enrolled], MUNICIPALITY, 'ladder-step-reached', { rung });
  });

  it.each([0, 7, 3.5])('refuses rung %p', (rung) => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'ladder-step-reached', { rung: rung as 1 }))
      .thenRejects('invalid-event', 'data.rung');
  });
});

describe('a configured life-area set', () => {
  const helmond: CaseRules = { lifeAreas: ['finances', 'daily-structure', 'health'] };
  const helmondSpec = deciderSpec({
    ...clientCaseDecider,
    decide: (c: ClientCaseCommand, s: ClientCaseState) => decide(c, s, helmond),
  });

  it('accepts its own codes', () => {
    const data = { goalId: 'g-1', lifeArea: 'daily-structure', description: 'Up before ten' };
    helmondSpec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'goal-set', data))
      .then([event(MUNICIPALITY, 'goal-set', data)]);
  });

  it('refuses ZRM-2017 codes it does not have', () => {
    expect(helmond.lifeAreas).not.toContain('time-use');
    expect(ZRM_2017_LIFE_AREAS).toContain('time-use');
    helmondSpec
      .given([enrolled])
      .when(
        command(MUNICIPALITY, 'visit-held', { location: 'home', lifeAreasDiscussed: ['time-use'] }),
      )
      .thenRejects('invalid-event', 'data.lifeAreasDiscussed[0]');
  });
});
