import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
} from '../projection/case-steps.spec-helper';
import { rowKey } from '../projection/row-fold';
import { referralFold } from '../referrals/referral.projection';
import type { GoalEntity } from './goal.entity';
import { goalFold } from './goal.projection';
import { goalAsSeenBy } from './goal-visibility';

const CLIENT = '0b8e2f4c-1d2a-4f3b-8c5d-6e7f8a9b0c1d';

/** Every row the fold writes, by key, after all the steps. */
function fold<R extends { clientId: string; position: number }>(
  projection: {
    fold: (rows: ReadonlyMap<string, R>, step: ReturnType<typeof caseSteps>[number]) => R[];
  },
  key: (row: R) => unknown[],
  events: Parameters<typeof caseSteps>[1],
): R[] {
  const rows = new Map<string, R>();
  for (const step of caseSteps(CLIENT, events)) {
    for (const row of projection.fold(rows, step)) rows.set(rowKey(key(row)), row);
  }
  return [...rows.values()];
}

const goals = (...events: Parameters<typeof caseSteps>[1]) =>
  fold<GoalEntity>(goalFold, ({ clientId, goalId }) => [clientId, goalId], events);

describe('the goals projection', () => {
  it('keeps a goal with its description, status and when it closed', () => {
    expect(
      goals(
        enrolment(),
        event(MUNICIPALITY, 'goal-set', {
          goalId: 'g1',
          lifeArea: 'time-use',
          description: 'Koffie in het BOP',
        }),
        event(MUNICIPALITY, 'goal-achieved', { goalId: 'g1' }, '2025-05-01T09:00:00.000Z'),
      ),
    ).toEqual([
      expect.objectContaining({
        goalId: 'g1',
        description: 'Koffie in het BOP',
        descriptionSealed: false,
        status: 'achieved',
        closedAt: new Date('2025-05-01T09:00:00.000Z'),
        setPosition: 2,
        audience: null,
        position: 3,
      }),
    ]);
  });

  it('keeps a sealed description sealed, to be opened with the client’s key when read', () => {
    const [goal] = goals(
      enrolment(),
      event(MUNICIPALITY, 'goal-set', {
        goalId: 'g1',
        lifeArea: 'time-use',
        description: { sealed: 'v1.iv.tag.ciphertext' },
      }),
    );
    expect(goal).toMatchObject({ description: 'v1.iv.tag.ciphertext', descriptionSealed: true });
  });

  /** GGZ sets a goal after consenting to share its assessments with the municipality. */
  const ggzGoalUnderConsent = () => [
    enrolment(),
    event(GGZ, 'involvement-signalled', {}),
    event(GGZ, 'consent-granted', { toPartner: MUNICIPALITY.id, categories: ['assessment'] }),
    event(GGZ, 'goal-set', { goalId: 'g1', lifeArea: 'mental-health', description: 'Rust' }),
  ];

  it('limits a GGZ goal to GGZ and the partners it had consent from, as the goal was set', () => {
    const [goal] = goals(...ggzGoalUnderConsent());
    expect(goal!.audience).toEqual([GGZ.id, MUNICIPALITY.id].sort());
  });

  it('limits the closure to those who may count it as it closes: a withdrawn consent keeps it from the municipality', () => {
    const [goal] = goals(
      ...ggzGoalUnderConsent(),
      event(GGZ, 'consent-withdrawn', { toPartner: MUNICIPALITY.id, categories: ['assessment'] }),
      event(GGZ, 'goal-achieved', { goalId: 'g1' }),
    );
    expect(goal).toMatchObject({
      status: 'achieved',
      audience: [GGZ.id, MUNICIPALITY.id].sort(),
      closedAudience: [GGZ.id],
    });
    expect(goalAsSeenBy(goal!, MUNICIPALITY.id)).toMatchObject({ status: 'open', closedAt: null });
    expect(goalAsSeenBy(goal!, GGZ.id).status).toBe('achieved');
    expect(goalAsSeenBy(goal!, undefined).status).toBe('achieved');
  });

  it('lets everyone who may count an open goal count its closure by a partner without secrecy', () => {
    const [goal] = goals(
      enrolment(),
      event(MUNICIPALITY, 'goal-set', {
        goalId: 'g1',
        lifeArea: 'time-use',
        description: 'Koffie',
      }),
      event(MUNICIPALITY, 'goal-abandoned', { goalId: 'g1', reason: 'verhuisd' }),
    );
    expect(goal!.closedAudience).toBeNull();
    expect(goalAsSeenBy(goal!, GGZ.id).status).toBe('abandoned');
  });

  it('drops every description when the client is erased', () => {
    const rows = goals(
      enrolment(),
      event(MUNICIPALITY, 'goal-set', {
        goalId: 'g1',
        lifeArea: 'time-use',
        description: 'Koffie',
      }),
      event(MUNICIPALITY, 'goal-set', {
        goalId: 'g2',
        lifeArea: 'finances',
        description: 'Schulden',
      }),
      event({ id: 'admin' }, 'client-erased', {}),
    );
    expect(rows.map(({ description, position }) => ({ description, position }))).toEqual([
      { description: null, position: 4 },
      { description: null, position: 4 },
    ]);
  });
});

describe('the referrals projection', () => {
  it('follows the loop from made to completed, keeping when and by which event it was made', () => {
    const rows = fold(referralFold, ({ clientId, referralId }) => [clientId, referralId], [
      enrolment(),
      event(GGZ, 'involvement-signalled', {}),
      event(
        MUNICIPALITY,
        'referral-made',
        { referralId: 'r1', service: 'mental-health', toPartner: GGZ.id, reason: 'free text' },
        '2025-03-10T09:00:00.000Z',
      ),
      event(GGZ, 'referral-accepted', { referralId: 'r1' }),
      event(GGZ, 'referral-completed', { referralId: 'r1', outcome: 'attended' }),
      // An answer to a referral the decider does not know changes nothing.
      event(GGZ, 'referral-accepted', { referralId: 'unknown' }),
    ]);
    expect(rows).toEqual([
      {
        clientId: CLIENT,
        referralId: 'r1',
        service: 'mental-health',
        fromPartner: MUNICIPALITY.id,
        toPartner: GGZ.id,
        status: 'completed',
        madeAt: new Date('2025-03-10T09:00:00.000Z'),
        madePosition: 3,
        position: 5,
      },
    ]);
  });
});
