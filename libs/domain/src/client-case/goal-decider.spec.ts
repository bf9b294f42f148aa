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

describe('goals', () => {
  const goal = {
    goalId: 'goal-1',
    lifeArea: 'time-use',
    description: 'Pour coffee at the BOP weekly',
  };
  const goalSet = event(MUNICIPALITY, 'goal-set', goal);

  it('sets a goal on a life area', () => {
    expectRecorded([enrolled], MUNICIPALITY, 'goal-set', goal);
  });

  it('refuses a goal id that was already set', () => {
    spec
      .given([enrolled, goalSet])
      .when(command(MUNICIPALITY, 'goal-set', goal))
      .thenRejects('goal-state');
  });

  it('refuses a life area outside the configured set', () => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, 'goal-set', { ...goal, lifeArea: 'happiness' }))
      .thenRejects('invalid-event', 'data.lifeArea');
  });

  it.each(['goal-achieved', 'goal-abandoned'] as const)(
    '%s closes an open goal, also for another involved partner',
    (name) => {
      expectRecorded([enrolled, signalled(GGZ), goalSet], GGZ, name, {
        goalId: 'goal-1',
        reason: 'in their words',
      });
    },
  );

  it.each(['goal-achieved', 'goal-abandoned'] as const)('%s needs a goal that was set', (name) => {
    spec
      .given([enrolled])
      .when(command(MUNICIPALITY, name, { goalId: 'goal-1' }))
      .thenRejects('goal-state');
  });

  it.each([
    ['goal-achieved', 'goal-achieved'],
    ['goal-achieved', 'goal-abandoned'],
    ['goal-abandoned', 'goal-achieved'],
    ['goal-abandoned', 'goal-abandoned'],
  ] as const)('refuses %s after %s', (name, closedBy) => {
    spec
      .given([enrolled, goalSet, event(MUNICIPALITY, closedBy, { goalId: 'goal-1' })])
      .when(command(MUNICIPALITY, name, { goalId: 'goal-1' }))
      .thenRejects('goal-state');
  });
});
