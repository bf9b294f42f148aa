import { randomUUID } from 'node:crypto';
import {
  decide,
  evolve,
  initialState,
  type ClientCaseState,
  type PartnerCommand,
  type RejectionCode,
} from '@samenloop/domain';
import { sourceOf, validateCloudEvent } from '@samenloop/contracts';
import { DEMO_PARTNERS } from '@samenloop/sharing';
import type { CloudEvent } from './cloud-event';
import type { EventPoster, PostOutcome } from './event-poster';
import type { ClientPlan } from './pilot-plan';

const STATUS: Record<RejectionCode, number> = {
  'unknown-client': 404,
  'not-involved': 403,
  'type-not-allowed': 403,
  'invalid-event': 400,
  'case-closed': 422,
  'referral-state': 422,
  'goal-state': 422,
  'lead-not-involved': 422,
  'match-not-pending': 422,
  'already-enrolled': 409,
};

/**
 * The hub in memory, for the plan's and the runner's specs: the intake's own validation of the
 * envelope and data, each partner's references (the enrolment's and a signal's subject) and the
 * BSN resolved as the intake does, and the real domain decider.
 */
export class DeciderHub implements EventPoster {
  readonly cases = new Map<string, ClientCaseState>();
  private readonly references = new Map<string, string>();
  private readonly bsns = new Map<string, string>();
  private readonly ids = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  async post(partnerId: string, events: readonly CloudEvent[]): Promise<PostOutcome[]> {
    return events.map((event) => this.accept(partnerId, event));
  }

  /** What it refuses of the planned clients' events, taken one by one in their order. */
  refusals(clients: readonly ClientPlan[]): PostOutcome[] {
    return clients
      .flatMap((client) => client.events)
      .map(({ partnerId, event }) => this.accept(partnerId, event))
      .filter((outcome) => !outcome.accepted);
  }

  accept(partnerId: string, event: CloudEvent): PostOutcome {
    const partner = DEMO_PARTNERS.find(({ id }) => id === partnerId);
    if (!partner) return refused(401, 'unauthorized', `no partner ${partnerId}`);
    const checked = validateCloudEvent(event, this.now());
    if (!checked.ok) {
      const fields = checked.errors.map(({ path, message }) => `${path} ${message}`);
      return refused(400, 'invalid-event', `${event.id}: ${fields.join('; ')}`);
    }
    if (event.source !== sourceOf(partnerId)) return refused(403, 'source-mismatch', event.id);
    if (this.ids.has(`${event.source}\n${event.id}`)) return refused(409, 'duplicate-id', event.id);
    const clientId = this.clientOf(partnerId, event);
    if (!clientId) return refused(404, 'unknown-client', `${event.id}: ${event.subject}`);
    const command = {
      type: event.type,
      eventId: event.id,
      partnerId,
      partnerKind: partner.kind,
      actor: event.actor,
      occurredAt: event.time,
      recordedAt: this.now().toISOString(),
      data: commandData(event),
    } as PartnerCommand;
    const state = this.cases.get(clientId) ?? initialState;
    const decision = decide(command, state);
    if (!decision.ok) {
      const { code, detail, field } = decision.rejection;
      return refused(STATUS[code], code, `${event.id}: ${detail}${field ? ` (${field})` : ''}`);
    }
    this.cases.set(clientId, decision.events.reduce(evolve, state));
    this.ids.add(`${event.source}\n${event.id}`);
    if (
      event.type === 'nl.samenloop.client-enrolled.v1' ||
      event.type === 'nl.samenloop.involvement-signalled.v1'
    ) {
      this.references.set(`${partnerId}\n${event.subject}`, clientId);
    }
    if (event.type === 'nl.samenloop.client-enrolled.v1' && event.data.person.bsn) {
      this.bsns.set(event.data.person.bsn, clientId);
    }
    return { accepted: true };
  }

  private clientOf(partnerId: string, event: CloudEvent): string | undefined {
    switch (event.type) {
      case 'nl.samenloop.client-enrolled.v1':
        return this.references.get(`${partnerId}\n${event.subject}`) ?? randomUUID();
      case 'nl.samenloop.involvement-signalled.v1':
        return this.bsns.get(event.data.bsn);
      default:
        return this.references.get(`${partnerId}\n${event.subject}`);
    }
  }
}

/** What the intake hands the decider: the person sealed, the BSN matched and left behind. */
function commandData(event: CloudEvent): unknown {
  switch (event.type) {
    case 'nl.samenloop.client-enrolled.v1': {
      const { person: _sealed, ...rest } = event.data;
      return { ...rest, person: { sealed: 'sealed' }, reference: event.subject };
    }
    case 'nl.samenloop.involvement-signalled.v1':
      return {};
    default:
      return event.data;
  }
}

function refused(status: number, type: string, detail: string): PostOutcome {
  const kind = `${status} ${type}`;
  return { accepted: false, problem: { kind, message: `${kind}: ${detail}` } };
}
