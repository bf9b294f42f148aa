import { DATA_CATEGORIES } from '@samenloop/domain';
import { entitlementFor } from '@samenloop/sharing';
import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WORK,
  type TestPartner,
} from './case-steps.spec-helper';
import { factAudience } from './fact-audience';

const EVERY_CATEGORY = {
  agreementVersion: 'test',
  categories: DATA_CATEGORIES,
  legalBasis: 'test',
  purpose: 'test',
};

/** Whether the sharing policy lets `receiver` have the step's event, agreement aside. */
function policyDelivers(
  receiver: TestPartner,
  step: ReturnType<typeof caseSteps>[number],
): boolean {
  return entitlementFor({
    receiver,
    event: step.event,
    stateBefore: step.before,
    stateAfter: step.after,
    senderKind: step.senderKind,
    agreement: EVERY_CATEGORY,
  }).deliver;
}

describe('who may count an assessment fact', () => {
  const setUp = [
    enrolment(),
    event(GGZ, 'involvement-signalled', {}),
    event(WORK, 'involvement-signalled', {}),
  ];

  it.each([
    ['a municipality’s ladder step', [event(MUNICIPALITY, 'ladder-step-reached', { rung: 3 })]],
    ['a GGZ ladder step without consent', [event(GGZ, 'ladder-step-reached', { rung: 3 })]],
    [
      'a GGZ assessment with consent for the municipality',
      [
        event(GGZ, 'consent-granted', { toPartner: MUNICIPALITY.id, categories: ['assessment'] }),
        event(GGZ, 'life-areas-assessed', { instrument: 'ZRM-2017', scores: { finances: 2 } }),
      ],
    ],
    [
      'a GGZ goal after the consent was withdrawn',
      [
        event(GGZ, 'consent-granted', { toPartner: WORK.id, categories: ['assessment'] }),
        event(GGZ, 'consent-withdrawn', { toPartner: WORK.id, categories: ['assessment'] }),
        event(GGZ, 'goal-set', { goalId: 'g', lifeArea: 'finances', description: 'x' }),
      ],
    ],
  ])('agrees with the sharing policy for %s', (_case, events) => {
    const steps = caseSteps('c1', [...setUp, ...events]);
    const fact = steps[steps.length - 1]!;
    const audience = factAudience(fact);
    for (const partner of [MUNICIPALITY, GGZ, WORK]) {
      const counted = audience === null || audience.includes(partner.id);
      const own = partner.id === fact.event.partnerId;
      expect({ partner: partner.id, counted }).toEqual({
        partner: partner.id,
        counted: own || policyDelivers(partner, fact),
      });
    }
  });

  it('treats a sender of unknown kind as bound by secrecy', () => {
    const [, step] = caseSteps('c1', [
      enrolment(),
      event({ id: 'gone' }, 'ladder-step-reached', { rung: 2 }),
    ]);
    expect(factAudience(step!)).toEqual(['gone']);
  });
});
