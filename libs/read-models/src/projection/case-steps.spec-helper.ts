import {
  evolve,
  eventType,
  initialState,
  type ClientCaseEvent,
  type ClientCaseEventOf,
  type EventDataMap,
  type EventName,
  type EventType,
  type PartnerKind,
} from '@samenloop/domain';
import type { CaseStep } from './case-step';

export interface TestPartner {
  id: string;
  kind: PartnerKind;
}

export const MUNICIPALITY: TestPartner = { id: 'gemeente-helmond', kind: 'municipality' };
export const GGZ: TestPartner = { id: 'ggz-oost-brabant', kind: 'mental-health' };
export const WORK: TestPartner = { id: 'werkbedrijf-helmond', kind: 'work-company' };
export const WELFARE: TestPartner = { id: 'wijkteam-welzijn', kind: 'welfare' };
export const PARTNERS = [MUNICIPALITY, GGZ, WORK, WELFARE];

let sequence = 0;

/** An event of `by` at `occurredAt` (default: a fixed day in 2025). */
export function event<N extends EventName>(
  by: { id: string },
  name: N,
  data: EventDataMap[EventType<N>],
  occurredAt = '2025-03-03T10:00:00.000Z',
): ClientCaseEventOf<EventType<N>> {
  sequence += 1;
  return {
    type: eventType(name),
    eventId: `evt-${sequence}`,
    partnerId: by.id,
    actor: `emp-${sequence}`,
    occurredAt,
    recordedAt: occurredAt,
    data,
  } as ClientCaseEventOf<EventType<N>>;
}

export function enrolment(occurredAt?: string, startRung: 1 | 2 | 3 = 2) {
  return event(
    MUNICIPALITY,
    'client-enrolled',
    { municipality: 'GM0794', person: { sealed: 'c2VhbGVk' }, reference: 'GM-1', startRung },
    occurredAt,
  );
}

/** The steps of one client's events, at positions from `firstPosition` on. */
export function caseSteps(
  clientId: string,
  events: readonly ClientCaseEvent[],
  firstPosition = 1,
): CaseStep[] {
  let state = initialState;
  return events.map((event, index) => {
    const before = state;
    state = evolve(state, event);
    const senderKind = PARTNERS.find(({ id }) => id === event.partnerId)?.kind;
    return {
      position: firstPosition + index,
      clientId,
      event,
      before,
      after: state,
      ...(senderKind ? { senderKind } : {}),
    };
  });
}
