import {
  isRung,
  isValidBsn,
  isZrmScore,
  ZRM_2017_LIFE_AREAS,
  type ContactOutcome,
  type EventName,
} from '@samenloop/domain';
import { nameOf, type CloudEvent } from './cloud-event';
import { DeciderHub } from './decider-hub.spec-helper';
import { GGZ, MUNICIPALITY, PILOT_PARTNERS } from './pilot-partners';
import { PilotPlan, PLAN_WINDOW_DAYS, type ClientPlan } from './pilot-plan';
import { PilotTally } from './pilot-tally';

const NOW = new Date('2026-03-02T12:00:00Z');
const DAY_MS = 86_400_000;
const options = { clients: 1000, seed: 20260302, runId: 'r1', now: NOW };
const plan = new PilotPlan(options);
const clients = [...plan.clients()];

const names = (client: ClientPlan) => client.events.map(({ event }) => nameOf(event.type));
const ofType = <N extends EventName>(client: ClientPlan, name: N) =>
  client.events
    .map(({ event }) => event)
    .filter(
      (event): event is Extract<CloudEvent, { type: `nl.samenloop.${N}.v1` }> =>
        nameOf(event.type) === name,
    );
const share = (count: number) => count / clients.length;
/** The pilot ends at NOW: only the clients enrolled in its first months have their story told in full. */
const settled = clients.filter(
  ({ events }) => Date.parse(events[0]!.event.time) < NOW.getTime() - 240 * DAY_MS,
);
const shareOfSettled = (count: number) => count / settled.length;

describe('the pilot plan', () => {
  it('is the same for the same seed, client by client, and differs for another seed', () => {
    const again = new PilotPlan(options);
    expect([5, 999, 0].map((index) => again.client(index))).toEqual([
      clients[5],
      clients[999],
      clients[0],
    ]);
    expect(new PilotPlan({ ...options, seed: 1 }).client(5)).not.toEqual(clients[5]);
  });

  it('starts every client with its enrolment by the municipality', () => {
    for (const client of clients) {
      const [first] = client.events;
      expect(first).toMatchObject({
        partnerId: MUNICIPALITY.id,
        event: { type: 'nl.samenloop.client-enrolled.v1', data: { municipality: 'GM0794' } },
      });
      expect(names(client).filter((name) => name === 'client-enrolled')).toHaveLength(1);
    }
  });

  it('gives clients a valid BSN of their own, a name and a birth date of working age', () => {
    const people = clients.map((client) => ofType(client, 'client-enrolled')[0]!.data.person);
    expect(people.every(({ bsn }) => isValidBsn(bsn ?? ''))).toBe(true);
    expect(new Set(people.map(({ bsn }) => bsn)).size).toBe(clients.length);
    for (const { givenName, familyName, birthDate } of people) {
      expect(givenName && familyName).toBeTruthy();
      const age = NOW.getUTCFullYear() - Number(birthDate.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(25);
      expect(age).toBeLessThanOrEqual(64);
    }
  });

  it('gives other runs of the same seed other BSNs, ids and references', () => {
    const [mine, theirs] = ['r1', 'r2'].map(
      (runId) => new PilotPlan({ ...options, runId }).client(0).events[0]!.event,
    );
    expect(theirs!.id).not.toBe(mine!.id);
    expect(theirs!.subject).not.toBe(mine!.subject);
    expect(bsnOf(theirs!)).not.toBe(bsnOf(mine!));
  });

  it('starts most clients on the lowest rungs', () => {
    const low = clients.filter(
      (client) => (ofType(client, 'client-enrolled')[0]!.data.startRung ?? 9) <= 2,
    );
    expect(share(low.length)).toBeGreaterThan(0.7);
  });

  it('takes 1 to 6 contact attempts, mostly 3 or 4, the last making the appointment', () => {
    const counts = new Map<number, number>();
    for (const client of settled) {
      const all: ContactOutcome[] = ofType(client, 'contact-attempted').map(
        ({ data }) => data.outcome,
      );
      // Calls to a client who drifted out of touch come months later.
      const outcomes = all.slice(0, all.indexOf('appointment-made') + 1);
      expect(outcomes.length).toBeGreaterThanOrEqual(1);
      expect(outcomes.length).toBeLessThanOrEqual(6);
      expect(outcomes.lastIndexOf('appointment-made')).toBe(outcomes.length - 1);
      expect(outcomes.indexOf('appointment-made')).toBe(outcomes.length - 1);
      counts.set(outcomes.length, (counts.get(outcomes.length) ?? 0) + 1);
    }
    const byFrequency = [...counts].sort(([, a], [, b]) => b - a).map(([attempts]) => attempts);
    expect(byFrequency.slice(0, 2).sort()).toEqual([3, 4]);
  });

  it('assigns the lead after the appointment: often GGZ, else the municipality', () => {
    const leads = settled.map((client) => {
      const order = names(client);
      expect(order.indexOf('case-lead-assigned')).toBeGreaterThan(
        order.indexOf('contact-attempted'),
      );
      return ofType(client, 'case-lead-assigned')[0]!.data.leadPartner;
    });
    const byGgz = leads.filter((lead) => lead === GGZ.id).length;
    expect(shareOfSettled(byGgz)).toBeGreaterThan(0.2);
    expect(byGgz + leads.filter((lead) => lead === MUNICIPALITY.id).length).toBe(settled.length);
  });

  it('holds up to 5 visits before the first full assessment of all 13 ZRM-2017 areas', () => {
    for (const client of settled) {
      const order = names(client);
      const assessed = order.indexOf('life-areas-assessed');
      const visits = order.slice(0, assessed).filter((name) => name === 'visit-held').length;
      expect(visits).toBeGreaterThanOrEqual(1);
      expect(visits).toBeLessThanOrEqual(5);
      const { instrument, scores } = ofType(client, 'life-areas-assessed')[0]!.data;
      expect(instrument).toBe('ZRM-2017');
      expect(Object.keys(scores).sort()).toEqual([...ZRM_2017_LIFE_AREAS].sort());
      expect(Object.values(scores).every(isZrmScore)).toBe(true);
    }
  });

  it('lets about three quarters of clients rise a rung and reaches about 40% of goals', () => {
    const tally = new PilotTally();
    for (const client of settled) {
      tally.record(
        client,
        client.events.map(() => ({ accepted: true })),
      );
    }
    expect(shareOfSettled(tally.risen)).toBeGreaterThan(0.7);
    expect(shareOfSettled(tally.risen)).toBeLessThan(0.82);
    const reached = tally.count('goal-achieved') / tally.count('goal-set');
    expect(reached).toBeGreaterThan(0.35);
    expect(reached).toBeLessThan(0.46);
  });

  it('refers to GGZ, debt help, the neighbourhood centre, volunteering and the GP, and answers most', () => {
    const referrals = clients.flatMap((client) => ofType(client, 'referral-made'));
    const services = new Set(referrals.map(({ data }) => data.service));
    for (const service of [
      'mental-health',
      'debt-help',
      'neighbourhood-centre',
      'volunteering',
      'gp',
    ]) {
      expect(services).toContain(service);
    }
    const answered = clients.flatMap((client) => [
      ...ofType(client, 'referral-accepted'),
      ...ofType(client, 'referral-declined'),
    ]);
    expect(answered.length / referrals.length).toBeGreaterThan(0.8);
    expect(answered.length).toBeLessThan(referrals.length);
  });

  it('uses only the partners that can address a client, and only valid rungs', () => {
    const events = clients.flatMap((client) => client.events);
    const publishers = new Set(events.map(({ partnerId }) => partnerId));
    expect([...publishers].sort()).toEqual(PILOT_PARTNERS.map(({ id }) => id).sort());
    const rungs = events.flatMap(({ event }) =>
      event.type === 'nl.samenloop.ladder-step-reached.v1' ? [event.data.rung] : [],
    );
    expect(rungs.length).toBeGreaterThan(clients.length / 2);
    expect(rungs.every(isRung)).toBe(true);
  });

  it('closes some cases, as their last event', () => {
    const closed = settled.filter((client) => names(client).includes('case-closed'));
    expect(shareOfSettled(closed.length)).toBeGreaterThan(0.1);
    expect(shareOfSettled(closed.length)).toBeLessThan(0.3);
    for (const client of closed) expect(names(client).at(-1)).toBe('case-closed');
  });

  it('places every client in order within the past ten months, never in the future', () => {
    for (const client of clients) {
      const times = client.events.map(({ event }) => Date.parse(event.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // Office hours may move the first event to the morning of the window's first day.
      expect(times[0]).toBeGreaterThan(NOW.getTime() - (PLAN_WINDOW_DAYS + 1) * DAY_MS);
      expect(times.at(-1)).toBeLessThan(NOW.getTime());
    }
  });

  it('ends at the run: most open clients were seen in the last month, some drifted out of touch', () => {
    const open = clients.filter((client) => !names(client).includes('case-closed'));
    const lastSeen = open.map((client) =>
      Math.max(
        ...client.events
          .filter(({ event }) => nameOf(event.type) === 'visit-held')
          .map(({ event }) => Date.parse(event.time)),
      ),
    );
    const recently = lastSeen.filter((at) => at >= NOW.getTime() - 30 * DAY_MS).length;
    expect(recently / open.length).toBeGreaterThan(0.6);
    expect(recently / open.length).toBeLessThan(0.95);
    const latest = clients.map(({ events }) => Date.parse(events.at(-1)!.event.time));
    expect(latest.filter((at) => at >= NOW.getTime() - 7 * DAY_MS).length).toBeGreaterThan(
      clients.length / 4,
    );
  });

  it('numbers events uniquely', () => {
    const ids = clients.flatMap((client) => client.events.map(({ event }) => event.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^demo-r1-\d+-\d+$/.test(id))).toBe(true);
  });

  it('is accepted event by event by the intake’s validation and the domain decider', () => {
    // A quarter of the clients: the intake's validation is the slow part of the suite.
    const some = clients.slice(0, 250);
    const hub = new DeciderHub(() => NOW);
    expect(hub.refusals(some)).toEqual([]);
    expect(hub.cases.size).toBe(some.length);
  });

  it('lets a partner visit only after it signalled, also when it crosses paths late in the pilot', () => {
    const crossing = [2026, 42, 99].flatMap((seed) =>
      [...new PilotPlan({ ...options, clients: 300, seed, runId: `s${seed}` }).clients()].filter(
        visitedByMany,
      ),
    );
    expect(new DeciderHub(() => NOW).refusals(crossing)).toEqual([]);
    expect(crossing.length).toBeGreaterThan(30);
  });
});

/** Clients whose last month brought visits of more than one partner, as a crossing of paths does. */
function visitedByMany(client: ClientPlan): boolean {
  const partners = client.events
    .filter(({ event }) => nameOf(event.type) === 'visit-held')
    .filter(({ event }) => Date.parse(event.time) > NOW.getTime() - 30 * DAY_MS)
    .map(({ partnerId }) => partnerId);
  return new Set(partners).size > 1;
}

function bsnOf(event: CloudEvent): string | undefined {
  return event.type === 'nl.samenloop.client-enrolled.v1' ? event.data.person.bsn : undefined;
}
