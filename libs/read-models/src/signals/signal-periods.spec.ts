import fc from 'fast-check';
import type { SignalRule } from '@samenloop/contracts';
import { holdsAt, signalPeriods } from './signal-periods';
import { signalsOf, type SignalFacts } from './signal.rules';
import { afterWorkingDays } from './working-days';

const START = Date.UTC(2025, 0, 1);
const DAY_MS = 86_400_000;
const RULES: SignalRule[] = [
  'unreached-after-attempts',
  'referral-unanswered',
  'working-past-each-other',
  'no-contact',
  'no-case-lead',
];

/**
 * Times on a coarse grid of whole hours over 120 days, so that random facts often meet at a
 * rule's edge (exactly 30 days, exactly due), where inclusivity matters.
 */
const time = fc
  .integer({ min: 0, max: 120 * 24 })
  .map((hours) => new Date(START + hours * 3_600_000));
const partner = fc.constantFrom('gemeente', 'ggz', 'werk', 'welzijn');

const facts: fc.Arbitrary<SignalFacts> = fc.record({
  status: fc.constantFrom('open', 'open', 'open', 'closed', 'erased'),
  enrolledAt: time,
  leadPartner: fc.option(partner, { nil: null }),
  lastContactAt: fc.option(time, { nil: null }),
  attemptsSinceContact: fc
    .array(time, { maxLength: 8 })
    .map((attempts) => attempts.sort((a, b) => a.getTime() - b.getTime())),
  unansweredReferrals: fc.array(
    fc.record({ service: fc.constantFrom('debt-help', 'work-activation'), madeAt: time }),
    { maxLength: 3 },
  ),
  visits: fc.array(
    fc.record({
      partnerId: partner,
      at: time,
      leadPartner: fc.option(partner, { nil: null }),
      withPartners: fc.subarray(['gemeente', 'ggz', 'werk', 'welzijn']),
    }),
    { maxLength: 8 },
  ),
});

/** A moment somewhere, or exactly on a boundary the facts define. */
function moments(given: SignalFacts): fc.Arbitrary<Date> {
  const edges = [
    ...given.attemptsSinceContact.flatMap((at) => [at, new Date(at.getTime() + 30 * DAY_MS)]),
    ...given.unansweredReferrals.map(({ madeAt }) => afterWorkingDays(madeAt, 10)),
    ...given.visits.flatMap(({ at }) => [at, new Date(at.getTime() + 30 * DAY_MS)]),
    new Date((given.lastContactAt ?? given.enrolledAt).getTime() + 30 * DAY_MS),
  ];
  const anywhere = fc.integer({ min: -10 * 24, max: 180 * 24 }).map((hours) => {
    return new Date(START + hours * 3_600_000);
  });
  if (edges.length === 0) return anywhere;
  const onEdge = fc
    .tuple(fc.constantFrom(...edges), fc.constantFrom(-1, 0, 0, 1))
    .map(([edge, ms]) => new Date(edge.getTime() + ms));
  return fc.oneof(anywhere, onEdge);
}

describe('signal periods', () => {
  it('hold at exactly the moments signalsOf gives the rule, edges included', () => {
    fc.assert(
      fc.property(
        facts.chain((given) => fc.tuple(fc.constant(given), moments(given))),
        ([given, now]) => {
          const periods = signalPeriods(given);
          const signalled = new Set(signalsOf(given, now).map(({ rule }) => rule));
          for (const rule of RULES) expect(holdsAt(periods[rule], now)).toBe(signalled.has(rule));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('never gives an empty period', () => {
    fc.assert(
      fc.property(facts, (given) => {
        for (const { from, to, includesFrom, includesTo } of Object.values(
          signalPeriods(given),
        ).flat()) {
          if (from === null || to === null) continue;
          expect(from < to || (from.getTime() === to.getTime() && includesFrom && includesTo)).toBe(
            true,
          );
        }
      }),
    );
  });
});
