import { setTimeout as sleep } from 'node:timers/promises';
import {
  HubClient,
  HubEventPoster,
  issuePartnerTokens,
  PILOT_PARTNERS,
  PilotPlan,
  runPilot,
  type PilotPlanOptions,
} from '@samenloop/operator';
import { PersistentPoster } from './persistent-poster';
import type { PilotHub } from './pilot-hub';

export interface PilotLoad {
  poster: PersistentPoster;
  /** Resolves with the number of events the hub refused (none is expected). */
  finished: Promise<number>;
}

/** Registers the pilot partners with the hub: their tokens by partner id. */
export async function pilotTokens(hub: PilotHub): Promise<Map<string, string>> {
  const admin = new HubClient({ baseUrl: hub.baseUrl, token: hub.adminToken });
  return (await issuePartnerTokens(admin, PILOT_PARTNERS)).tokens;
}

/**
 * The four pilot partners (municipality, mental-health care, GP, work company) posting their
 * clients' timelines at the same time, each partner retrying what the hub could not take.
 */
export async function startPilotLoad(
  hub: PilotHub,
  plan: PilotPlanOptions,
  tokens?: ReadonlyMap<string, string>,
  concurrency = 8,
): Promise<PilotLoad> {
  const admin = new HubClient({ baseUrl: hub.baseUrl, token: hub.adminToken });
  tokens ??= await pilotTokens(hub);
  const poster = new PersistentPoster(new HubEventPoster(admin, tokens));
  const progress = { advance: () => undefined, stop: () => undefined };
  const finished = runPilot(new PilotPlan(plan), poster, { concurrency, progress }).then(
    (tally) => tally.rejected,
  );
  return { poster, finished };
}

// One plan for every run, so that a run under failure can be compared with one without.
export const PLAN: PilotPlanOptions = {
  clients: 120,
  seed: 20_261_124,
  runId: 'resilience',
  now: new Date('2026-11-20T12:00:00Z'),
};

/** Resolves once the partners had `count` more events acknowledged; fails if the load ends first. */
export async function moreAcknowledged(load: PilotLoad, count: number): Promise<void> {
  const target = load.poster.acknowledged.size + count;
  let ended = false;
  void load.finished.finally(() => (ended = true));
  while (load.poster.acknowledged.size < target) {
    if (ended) throw new Error('the load ended too soon: plan more clients');
    await sleep(50);
  }
}
