import { eventType, type ClientProfile, type Rung } from '@samenloop/domain';
import { sourceOf } from '@samenloop/contracts';
import type { CloudEvent } from './cloud-event';
import { getToKnow, measureLadder, setGoals } from './pilot-care';
import { closeSometimes } from './pilot-closure';
import { followUp } from './pilot-follow-up';
import { reachOut } from './pilot-outreach';
import type { PilotPartner } from './pilot-partners';
import { refer } from './pilot-referrals';
import { ClientStory, type ClientFacts, type LifeArea } from './pilot-story';
import { BSN_BLOCKS, fakePerson } from './person-generator';
import { deriveSeed, Random, seedFromText, type Weighted } from './random';

export interface PilotPlanOptions {
  clients: number;
  seed: number;
  /** Makes event ids, references and BSNs differ between runs of one seed against one hub. */
  runId: string;
  /** The pilot's last day: every event happens before it. */
  now: Date;
}

export interface PlannedEvent {
  partnerId: string;
  event: CloudEvent;
}

export interface ClientPlan {
  index: number;
  /** In the order they happened; each partner posts with its own token. */
  events: readonly PlannedEvent[];
}

const DAY_MS = 86_400_000;
/** The pilot has run for the past ten months, up to the run. */
export const PLAN_WINDOW_DAYS = 300;
/** The last event of a client lies at least this long before `now`. */
const END_MARGIN_MS = 3_600_000;
/** Professionals work 08:30-17:00 in the Netherlands: 07:30-16:00 UTC in winter. */
const OFFICE_OPENS_MS = 7.5 * 3_600_000;
const OFFICE_HOURS_MS = 8.5 * 3_600_000;

/** Helmond's four profiles. */
const PROFILES: Weighted<ClientProfile> = [
  ['income-support', 25],
  ['social-activation-with-care', 35],
  ['social-activation', 25],
  ['work-activation', 15],
];
/** Long-term clients mostly start isolated or with contacts only; work activation a little higher. */
const START_RUNGS: Weighted<Rung> = [
  [1, 45],
  [2, 40],
  [3, 12],
  [4, 3],
];
const WORK_START_RUNGS: Weighted<Rung> = [
  [2, 50],
  [3, 35],
  [4, 15],
];
/** Leiden: 77% rose one or more rungs. */
const RISES: Weighted<number> = [
  [0, 24],
  [1, 46],
  [2, 23],
  [3, 7],
];
const PROBLEM_AREAS: Record<ClientProfile, readonly LifeArea[]> = {
  'income-support': [
    'finances',
    'physical-health',
    'instrumental-adl',
    'social-network',
    'housing',
  ],
  'social-activation-with-care': [
    'mental-health',
    'social-network',
    'time-use',
    'finances',
    'substance-use',
    'domestic-relations',
  ],
  'social-activation': ['social-network', 'social-participation', 'time-use', 'finances'],
  'work-activation': ['work-education', 'finances', 'time-use', 'social-participation'],
};

/**
 * A seeded pilot of `clients` clients, planned one client at a time (each from a seed of its own),
 * so that 100,000 clients never sit in memory at once and a seed always gives the same pilot.
 */
export class PilotPlan {
  private readonly bsnBase: number;

  constructor(readonly options: PilotPlanOptions) {
    this.bsnBase = seedFromText(options.runId) % BSN_BLOCKS;
  }

  *clients(): Generator<ClientPlan> {
    for (let index = 0; index < this.options.clients; index++) yield this.client(index);
  }

  client(index: number): ClientPlan {
    const random = new Random(deriveSeed(this.options.seed, index));
    const story = new ClientStory(random, this.facts(random, index));
    // Enrolled any day of the pilot, which ends at the run: days since the enrolment.
    const today = random.float() * PLAN_WINDOW_DAYS;
    const assigned = reachOut(story);
    const assessed = getToKnow(story, assigned);
    setGoals(story, assessed);
    refer(story, assessed);
    measureLadder(story, assessed);
    followUp(story, assessed, today, closeSometimes(story, today));
    return { index, events: this.envelopes(story, index, today) };
  }

  private facts(random: Random, index: number): ClientFacts {
    const profile = random.weighted(PROFILES);
    const problems = PROBLEM_AREAS[profile];
    return {
      profile,
      person: fakePerson(random, this.bsnBase + index, this.options.now),
      startRung: random.weighted(profile === 'work-activation' ? WORK_START_RUNGS : START_RUNGS),
      rise: random.weighted(RISES),
      // The profile's main problem first; the rest of its usual problems vary per client.
      problems: [problems[0]!, ...random.sample(problems.slice(1), random.int(1, 3))],
    };
  }

  /**
   * Lays the client's days out so that `today` is the run's day; what the story has after that
   * has not happened yet and is left out.
   */
  private envelopes(story: ClientStory, index: number, today: number): PlannedEvent[] {
    const { runId, now } = this.options;
    const latest = now.getTime() - END_MARGIN_MS;
    const enrolled = now.getTime() - today * DAY_MS;
    const number = String(index + 1).padStart(6, '0');
    const subject = (partner: PilotPartner) => `${partner.referencePrefix}-${runId}-${number}`;
    return story.agenda
      .ordered()
      .map((entry) => ({ entry, at: officeHours(enrolled + entry.day * DAY_MS) }))
      .filter(({ at }) => at <= latest)
      .map(({ entry: { partner, name, data }, at }, k) => ({
        partnerId: partner.id,
        // The agenda pairs each name with its data; TypeScript cannot follow that through the list.
        event: {
          specversion: '1.0',
          id: `demo-${runId}-${index + 1}-${k + 1}`,
          source: sourceOf(partner.id),
          type: eventType(name),
          subject: subject(partner),
          time: new Date(at).toISOString(),
          actor: story.actorOf(partner),
          datacontenttype: 'application/json',
          data,
        } as CloudEvent,
      }));
  }
}

/** Squeezes each day into office hours, keeping the order of events (the map only grows). */
function officeHours(ms: number): number {
  const midnight = Math.floor(ms / DAY_MS) * DAY_MS;
  return midnight + OFFICE_OPENS_MS + ((ms - midnight) / DAY_MS) * OFFICE_HOURS_MS;
}
