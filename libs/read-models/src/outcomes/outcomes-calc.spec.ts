import { median, outcomesOf } from './outcomes-calc';

const at = (day: number) => new Date(Date.UTC(2025, 2, day));

describe('outcomes', () => {
  it('compute the pilots’ measures over a cohort', () => {
    const figures = outcomesOf({
      clientIds: ['a', 'b', 'c'],
      ladder: new Map([
        ['a', [{ rung: 1 }, { rung: 3 }]],
        ['b', [{ rung: 2 }, { rung: 2 }]],
        ['c', [{ rung: 4 }]],
      ]),
      goals: new Map([
        ['a', [{ status: 'achieved' as const }, { status: 'open' as const }]],
        ['b', [{ status: 'abandoned' as const }]],
      ]),
      attempts: new Map([
        [
          'a',
          [{ outcome: 'no-answer' }, { outcome: 'no-answer' }, { outcome: 'appointment-made' }],
        ],
        ['b', [{ outcome: 'appointment-made' }]],
        ['c', [{ outcome: 'no-answer' }]],
      ]),
      visits: new Map([
        ['a', [{ at: at(1) }, { at: at(5) }, { at: at(9) }]],
        ['b', [{ at: at(2) }]],
      ]),
      assessments: new Map([
        [
          'a',
          [
            { at: at(4), complete: false },
            { at: at(5), complete: true },
          ],
        ],
        ['b', [{ at: at(2), complete: true }]],
      ]),
    });
    expect(figures).toEqual({
      clients: 3,
      ladderRise: { share: 0.5, clients: 2, rose: 1 },
      goalReached: { share: 0.5, clients: 2, reached: 1 },
      medianAttemptsBeforeFirstAppointment: 2,
      medianVisitsBeforeFirstFullAssessment: 1.5,
      rungDistribution: [
        { rung: 1, clients: 0 },
        { rung: 2, clients: 1 },
        { rung: 3, clients: 1 },
        { rung: 4, clients: 1 },
        { rung: 5, clients: 0 },
        { rung: 6, clients: 0 },
      ],
    });
  });

  it('are empty, not zero, without clients to measure', () => {
    const none = new Map();
    expect(
      outcomesOf({
        clientIds: [],
        ladder: none,
        goals: none,
        attempts: none,
        visits: none,
        assessments: none,
      }),
    ).toMatchObject({
      ladderRise: { share: null, clients: 0, rose: 0 },
      goalReached: { share: null },
      medianAttemptsBeforeFirstAppointment: null,
    });
  });

  it('take the middle, or the mean of the two middle values', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, null]);
  });
});
