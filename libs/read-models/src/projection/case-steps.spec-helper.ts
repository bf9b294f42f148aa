import { evolve, initialState, type ClientCaseEvent, type PartnerKind } from '@samenloop/domain';
import { storedEvent } from '@samenloop/testing';
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

export { storedEvent as event };

export function enrolment(occurredAt?: string, startRung: 1 | 2 | 3 = 2) {
  return storedEvent(
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
