/**
 * One client's part of the bench log: the operator's demo pilot for the client (the stories
 * `samenloop demo` posts) with the ongoing care that makes the log as long as asked (more of
 * the lead's visits and contact attempts during the case), decided by the domain's own decider
 * as the intake decides them. No I/O.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  decide,
  evolve,
  initialState,
  toEventToAppend,
  type ClientCaseState,
  type PartnerCommand,
} from '@samenloop/domain';
import type { EventToAppend } from '@samenloop/event-store';
import type { CloudEvent } from '@samenloop/contracts';
import type { ClientPlan, PlannedEvent } from '@samenloop/operator';
import { DEMO_PARTNERS } from '@samenloop/sharing';

export interface ClientLog {
  clientId: string;
  stream: string;
  events: EventToAppend[];
  /** Each partner's own reference for the client, as the intake binds them. */
  references: { partnerId: string; reference: string }[];
  /** Planned events the decider refused; the client's story stops at the first. */
  refused: number;
}

/** Follow-ups repeat these of the lead's own pilot events, with new ids and other times. */
const FOLLOW_UP_TYPES = new Set([
  'nl.samenloop.visit-held.v1',
  'nl.samenloop.contact-attempted.v1',
]);
/** The hub records an event this long after it happened (its partner's system posts it). */
const RECORDING_DELAY_MS = 90_000;

export function clientLog(plan: ClientPlan, followUps: number, now: Date): ClientLog {
  const clientId = randomUUID();
  const log: ClientLog = {
    clientId,
    stream: `client-${clientId}`,
    events: [],
    references: [],
    refused: 0,
  };
  let state: ClientCaseState = initialState;
  const planned = withFollowUps(plan.events, followUps, now);
  for (const [index, { partnerId, event }] of planned.entries()) {
    const command = commandOf(partnerId, event, now);
    const decision = decide(command, state);
    if (!decision.ok) {
      log.refused = planned.length - index;
      break;
    }
    for (const decided of decision.events) {
      state = evolve(state, decided);
      log.events.push(toEventToAppend(decided, randomUUID(), traceOf(event)));
    }
    if (
      event.type === 'nl.samenloop.client-enrolled.v1' ||
      event.type === 'nl.samenloop.involvement-signalled.v1'
    ) {
      log.references.push({ partnerId, reference: event.subject });
    }
  }
  return log;
}

/**
 * The pilot's events with `count` more of the lead's visits and contact attempts among them, at
 * random moments from the lead's assignment until the case closes (or until now), in time order.
 */
function withFollowUps(
  events: readonly PlannedEvent[],
  count: number,
  now: Date,
): readonly PlannedEvent[] {
  const lead = events.find(({ event }) => event.type === 'nl.samenloop.case-lead-assigned.v1');
  const templates = events.filter(
    ({ partnerId, event }) => partnerId === lead?.partnerId && FOLLOW_UP_TYPES.has(event.type),
  );
  if (count === 0 || !lead || templates.length === 0) return events;
  const closed = events.find(({ event }) => event.type === 'nl.samenloop.case-closed.v1');
  const from = Date.parse(lead.event.time);
  const until = closed ? Date.parse(closed.event.time) : now.getTime() - RECORDING_DELAY_MS;
  const times = Array.from({ length: count }, () => from + Math.random() * (until - from)).sort(
    (a, b) => a - b,
  );
  const merged: PlannedEvent[] = [];
  let next = 0;
  let led = false;
  for (const planned of events) {
    const at = Date.parse(planned.event.time);
    // Never before the lead's assignment, nor after the closure: both stay where they are.
    while (led && next < count && times[next]! < at) {
      merged.push(followUp(templates[next % templates.length]!, times[next]!, next));
      next += 1;
    }
    merged.push(planned);
    led ||= planned === lead;
  }
  for (; next < count && !closed; next += 1) {
    merged.push(followUp(templates[next % templates.length]!, times[next]!, next));
  }
  return merged;
}

function followUp(template: PlannedEvent, at: number, k: number): PlannedEvent {
  return {
    partnerId: template.partnerId,
    event: {
      ...template.event,
      id: `${template.event.id}-follow-up-${k + 1}`,
      time: new Date(at).toISOString(),
    },
  };
}

/**
 * What the intake hands the decider: the person sealed with the client's key (here random bytes
 * of a sealed person's size), the BSN as a keyed hash (here a plain one).
 */
function commandOf(partnerId: string, event: CloudEvent, now: Date): PartnerCommand {
  const recordedAt = Math.min(Date.parse(event.time) + RECORDING_DELAY_MS, now.getTime());
  return {
    type: event.type,
    eventId: event.id,
    partnerId,
    partnerKind: kindOf(partnerId),
    actor: event.actor,
    occurredAt: event.time,
    recordedAt: new Date(recordedAt).toISOString(),
    data: dataOf(event),
  } as PartnerCommand;
}

function dataOf(event: CloudEvent): unknown {
  switch (event.type) {
    case 'nl.samenloop.client-enrolled.v1': {
      const { person, ...rest } = event.data;
      return {
        ...rest,
        person: { sealed: randomBytes(180).toString('base64') },
        ...(person.bsn ? { bsnHash: hashOf(person.bsn) } : {}),
        reference: event.subject,
      };
    }
    case 'nl.samenloop.involvement-signalled.v1':
      return { bsnHash: hashOf(event.data.bsn) };
    default:
      return event.data;
  }
}

function traceOf(event: CloudEvent) {
  return {
    source: event.source,
    subject: event.subject,
    contentHash: hashOf(JSON.stringify(event)),
    correlationId: randomUUID(),
  };
}

function kindOf(partnerId: string): PartnerCommand['partnerKind'] {
  const partner = DEMO_PARTNERS.find(({ id }) => id === partnerId);
  if (!partner) throw new Error(`the pilot names an unknown partner ${partnerId}`);
  return partner.kind;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}
