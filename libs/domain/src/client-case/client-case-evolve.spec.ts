import type { ClientCaseCommand } from './client-case.command';
import { decide } from './client-case-decider';
import type { ClientCaseEvent } from './client-case-event';
import { evolve, evolveAll } from './client-case-evolve';
import { initialState, type ClientCaseState } from './client-case-state';
import { command, eraseByAdmin, GGZ, GP, MUNICIPALITY, WORK } from './client-case.spec-helper';

/** A history as the hub would have decided it, one command at a time. */
function decideAll(commands: readonly ClientCaseCommand[]): ClientCaseEvent[] {
  return commands.reduce<ClientCaseEvent[]>((events, next) => {
    const decision = decide(next, evolveAll(events));
    if (!decision.ok) throw new Error(`${next.type}: ${decision.rejection.detail}`);
    return [...events, ...decision.events];
  }, []);
}

const march = (day: number) => ({
  occurredAt: `2025-03-${String(day).padStart(2, '0')}T09:00:00Z`,
});

const history = decideAll([
  command(
    MUNICIPALITY,
    'client-enrolled',
    {
      municipality: 'GM0794',
      profile: 'social-activation',
      startRung: 1,
      person: { sealed: 'c2VhbGVk' },
      reference: 'helmond-4711',
    },
    march(1),
  ),
  command(GGZ, 'involvement-signalled', {}),
  command(WORK, 'involvement-signalled', {}),
  command(GGZ, 'client-reference-linked', { reference: 'ggz-88' }),
  command(MUNICIPALITY, 'case-lead-assigned', { leadPartner: GGZ.partnerId, leadActor: 'coach-3' }),
  command(GGZ, 'life-areas-assessed', {
    instrument: 'ZRM-2017',
    scores: { finances: 1, housing: 3 },
  }),
  command(GGZ, 'life-areas-assessed', { instrument: 'ZRM-2017', scores: { finances: 2 } }),
  command(GGZ, 'goal-set', {
    goalId: 'g1',
    lifeArea: 'time-use',
    description: 'Coffee at the BOP',
  }),
  command(GGZ, 'goal-set', { goalId: 'g2', lifeArea: 'finances', description: 'Debts in order' }),
  command(GGZ, 'goal-achieved', { goalId: 'g1' }),
  command(GGZ, 'referral-made', { referralId: 'r1', service: 'gp', toPartner: GP.partnerId }),
  command(GP, 'referral-accepted', { referralId: 'r1' }),
  command(GGZ, 'referral-made', { referralId: 'r2', service: 'sport' }),
  command(GGZ, 'referral-cancelled', { referralId: 'r2' }),
  command(GGZ, 'consent-granted', {
    toPartner: MUNICIPALITY.partnerId,
    categories: ['assessment', 'content'],
  }),
  command(GGZ, 'consent-withdrawn', { toPartner: MUNICIPALITY.partnerId, categories: ['content'] }),
  command(GGZ, 'consent-granted', { toPartner: WORK.partnerId, categories: ['contact'] }),
  command(GGZ, 'consent-withdrawn', { toPartner: WORK.partnerId, categories: ['contact'] }),
  command(WORK, 'involvement-ended', {}),
  command(GGZ, 'ladder-step-reached', { rung: 3 }, march(20)),
  command(GGZ, 'case-closed', { reason: 'goal-reached' }),
]);

describe('the state folded from a history', () => {
  const state = evolveAll(history);

  it('holds what the deciders and read sides need', () => {
    expect(state).toEqual({
      enrolled: true,
      municipality: 'GM0794',
      enrollingPartner: MUNICIPALITY.partnerId,
      enrolledAt: '2025-03-01T09:00:00Z',
      profile: 'social-activation',
      status: 'closed',
      closeReason: 'goal-reached',
      involved: new Set([MUNICIPALITY.partnerId, GGZ.partnerId, GP.partnerId]),
      unconfirmed: new Set([GGZ.partnerId]),
      lead: { partner: GGZ.partnerId, actor: 'coach-3' },
      referrals: new Map([
        [
          'r1',
          {
            referralId: 'r1',
            service: 'gp',
            fromPartner: GGZ.partnerId,
            toPartner: GP.partnerId,
            status: 'accepted',
          },
        ],
        [
          'r2',
          { referralId: 'r2', service: 'sport', fromPartner: GGZ.partnerId, status: 'cancelled' },
        ],
      ]),
      goals: new Map([
        ['g1', { goalId: 'g1', lifeArea: 'time-use', setBy: GGZ.partnerId, status: 'achieved' }],
        ['g2', { goalId: 'g2', lifeArea: 'finances', setBy: GGZ.partnerId, status: 'open' }],
      ]),
      consents: new Map([
        [GGZ.partnerId, new Map([[MUNICIPALITY.partnerId, new Set(['assessment'])]])],
      ]),
      ladder: [
        { rung: 1, at: '2025-03-01T09:00:00Z' },
        { rung: 3, at: '2025-03-20T09:00:00Z' },
      ],
      lifeAreaScores: new Map([
        ['finances', 2],
        ['housing', 3],
      ]),
      references: new Map([
        [MUNICIPALITY.partnerId, 'helmond-4711'],
        [GGZ.partnerId, 'ggz-88'],
      ]),
      erased: false,
    });
  });

  it('marks the case erased', () => {
    const afterErasure = decide(eraseByAdmin, state);
    if (!afterErasure.ok) throw new Error(afterErasure.rejection.detail);
    const erased = afterErasure.events.reduce(evolve, state);
    expect(erased).toMatchObject({ erased: true, status: 'closed' });
  });

  it('never changes an earlier state', () => {
    const before = evolveAll(history.slice(0, 3));
    const snapshot = evolveAll(history.slice(0, 3));
    evolveAll(history.slice(3), before);
    expect(before).toEqual(snapshot);
  });

  it('ignores events of a stream that has no enrolment', () => {
    expect(evolveAll(history.slice(1))).toBe(initialState);
  });
});

describe('a replay', () => {
  afterEach(() => jest.useRealTimers());

  function replayOn(day: string): ClientCaseState {
    jest.useFakeTimers({ now: new Date(day) });
    return evolveAll(history);
  }

  it('gives the same state whenever it runs', () => {
    expect(replayOn('2025-03-21T00:00:00Z')).toEqual(replayOn('2031-11-02T23:59:59Z'));
  });

  it('gives the same state from stored JSON', () => {
    const stored: ClientCaseEvent[] = JSON.parse(JSON.stringify(history));
    expect(stored).toEqual(history);
    expect(evolveAll(stored)).toEqual(evolveAll(history));
  });
});
