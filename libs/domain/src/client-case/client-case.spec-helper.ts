import type { EventDataMap } from '../catalogue/event-data-types';
import { eventType, type EventName, type EventType } from '../catalogue/event-type.catalogue';
import type { PartnerKind } from '../partners/partner-kind.catalogue';
import type {
  CommandDataMap,
  EraseClientCommand,
  PartnerCommand,
  PartnerCommandOf,
} from './client-case.command';
import { clientCaseDecider } from './client-case-decider';
import type { ClientCaseEvent, ClientCaseEventOf } from './client-case-event';
import { deciderSpec } from './decider.spec-helper';

export interface Partner {
  partnerId: string;
  partnerKind: PartnerKind;
}

export const MUNICIPALITY: Partner = { partnerId: 'helmond', partnerKind: 'municipality' };
export const GGZ: Partner = { partnerId: 'ggz-oost', partnerKind: 'mental-health' };
export const GP: Partner = { partnerId: 'huisarts-brandevoort', partnerKind: 'gp' };
export const WORK: Partner = { partnerId: 'senzer', partnerKind: 'work-company' };
export const HOUSING: Partner = { partnerId: 'woonpartners', partnerKind: 'housing-corporation' };
export const WELFARE: Partner = { partnerId: 'levgroep', partnerKind: 'welfare' };

const OCCURRED_AT = '2025-03-03T10:00:00Z';
const RECORDED_AT = '2025-03-03T10:00:02Z';

export const spec = deciderSpec(clientCaseDecider);

interface Envelope {
  eventId?: string;
  actor?: string;
  occurredAt?: string;
}

function envelope(by: Partner, name: EventName, extra: Envelope) {
  return {
    eventId: extra.eventId ?? `${by.partnerId}:${name}`,
    ...(extra.actor === undefined ? {} : { actor: extra.actor }),
    occurredAt: extra.occurredAt ?? OCCURRED_AT,
    recordedAt: RECORDED_AT,
  };
}

export function command<N extends EventName>(
  by: Partner,
  name: N,
  data: CommandDataMap[EventType<N>],
  extra: Envelope = {},
): PartnerCommandOf<EventType<N>> {
  return { type: eventType(name), ...by, ...envelope(by, name, extra), data };
}

/** The event a partner's command is expected to become, built from the same inputs. */
export function event<N extends EventName>(
  by: Partner,
  name: N,
  data: EventDataMap[EventType<N>],
  extra: Envelope = {},
): ClientCaseEventOf<EventType<N>> {
  return { type: eventType(name), partnerId: by.partnerId, ...envelope(by, name, extra), data };
}

/** Given the history, the partner's command is recorded as the event of the same name and data. */
export function expectRecorded<N extends EventName>(
  history: readonly ClientCaseEvent[],
  by: Partner,
  name: N,
  data: CommandDataMap[EventType<N>] & EventDataMap[EventType<N>],
): void {
  // A generic `name` is a union to TypeScript, which cannot pair it with its type's data.
  const sent = command(by, name, data) as PartnerCommand;
  spec
    .given(history)
    .when(sent)
    .then([event(by, name, data) as ClientCaseEvent]);
}

export const eraseByAdmin: EraseClientCommand = {
  type: 'nl.samenloop.client-erased.v1',
  issuedBy: 'admin',
  eventId: 'erase-1',
  actor: 'privacy-officer-1',
  occurredAt: OCCURRED_AT,
  recordedAt: RECORDED_AT,
  data: { reason: 'request under article 17' },
};

/** Valid data for every type, for rules that hold whatever the type. */
export const VALID_DATA: { [N in EventName]: CommandDataMap[EventType<N>] } = {
  'client-enrolled': { municipality: 'GM0794', person: { sealed: 'c2VhbGVk' } },
  'client-reference-linked': { reference: 'ref-9' },
  'involvement-signalled': {},
  'involvement-ended': {},
  'involvement-confirmed': { partner: 'ggz-oost' },
  'case-lead-assigned': { leadPartner: MUNICIPALITY.partnerId, leadActor: 'emp-1' },
  'contact-attempted': { channel: 'phone', outcome: 'no-answer' },
  'visit-held': { location: 'home', lifeAreasDiscussed: ['finances'] },
  'life-areas-assessed': { instrument: 'ZRM-2017', scores: { finances: 2 } },
  'goal-set': { goalId: 'goal-1', lifeArea: 'time-use', description: 'Coffee at the BOP' },
  'goal-achieved': { goalId: 'goal-1' },
  'goal-abandoned': { goalId: 'goal-1' },
  'referral-made': { referralId: 'ref-1', service: 'debt-help' },
  'referral-accepted': { referralId: 'ref-1' },
  'referral-declined': { referralId: 'ref-1' },
  'referral-completed': { referralId: 'ref-1', outcome: 'attended' },
  'referral-cancelled': { referralId: 'ref-1' },
  'ladder-step-reached': { rung: 2 },
  'consent-granted': { toPartner: HOUSING.partnerId, categories: ['assessment'] },
  'consent-withdrawn': { toPartner: HOUSING.partnerId, categories: ['assessment'] },
  'case-closed': { reason: 'moved' },
  'client-erased': {},
};

export function validCommand(by: Partner, name: EventName): PartnerCommand {
  // `name` is a union here, which TypeScript cannot pair with its data without help.
  return command(by, name, VALID_DATA[name]) as PartnerCommand;
}

/** A client enrolled by the municipality, with the BSN hash partners' signals match against. */
export const enrolled = event(MUNICIPALITY, 'client-enrolled', {
  municipality: 'GM0794',
  person: { sealed: 'c2VhbGVk' },
});

export function signalled(by: Partner) {
  return event(by, 'involvement-signalled', {});
}

export function leadAssigned(to: Partner, by: Partner = MUNICIPALITY) {
  return event(by, 'case-lead-assigned', { leadPartner: to.partnerId, leadActor: 'emp-7' });
}
