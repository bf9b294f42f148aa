import {
  evolve,
  initialState,
  isHubIssued,
  type ClientCaseEvent,
  type ClientCaseState,
} from '@samenloop/domain';
import { entitlementFor, type AgreementParty, type SharingAgreementSet } from '@samenloop/sharing';
import type { PartnerSight } from '../audit.contract';
import type { HistoricEvent } from './client-history';

/**
 * What each partner could see of the client's case at the replayed moment, and why: the dashboard's
 * rule (libs/read-models `eventAccess`) asked for every event kept, with the case as it stood at the
 * moment and consent as it stood just before the event. The agreements are those in force now:
 * the hub keeps no earlier versions, only the version each delivery was made under (access log).
 */
export function partnerSight(
  events: readonly HistoricEvent[],
  state: ClientCaseState,
  partners: readonly AgreementParty[],
  agreements: SharingAgreementSet,
): PartnerSight[] {
  if (!state.enrolled) return [];
  const kinds = new Map(partners.map((partner) => [partner.id, partner.kind]));
  const concerned = partners.filter(
    ({ id }) => state.involved.has(id) || events.some(({ event }) => event.partnerId === id),
  );
  const steps = beforeEach(events.map(({ event }) => event));
  return concerned.map((receiver) => {
    const agreement = agreements.agreementFor(receiver);
    return {
      partnerId: receiver.id,
      kind: receiver.kind,
      involved: state.involved.has(receiver.id),
      agreement: agreement
        ? {
            version: agreement.agreementVersion,
            legalBasis: agreement.legalBasis,
            purpose: agreement.purpose,
            categories: [...agreement.categories],
          }
        : null,
      consents: [...state.consents].flatMap(([fromPartner, to]) => {
        const categories = to.get(receiver.id);
        return categories ? [{ fromPartner, categories: [...categories].sort() }] : [];
      }),
      events: steps.map(({ event, before }, index) => {
        const position = events[index]!.recorded.position;
        if (event.partnerId === receiver.id) return { position, sees: 'own' as const };
        const senderKind = isHubIssued(event) ? undefined : kinds.get(event.partnerId);
        if (senderKind === undefined && !isHubIssued(event)) {
          return { position, sees: 'nothing' as const, reason: 'sender-unknown' };
        }
        const entitled = entitlementFor({
          receiver,
          event,
          stateBefore: before,
          stateAfter: state,
          senderKind,
          agreement,
        });
        if (!entitled.deliver)
          return { position, sees: 'nothing' as const, reason: entitled.reason };
        return {
          position,
          sees: entitled.omitFields.length ? ('part' as const) : ('all' as const),
          categories: [...entitled.categories],
          omitFields: [...entitled.omitFields],
          ...(entitled.basis.consent ? { byConsent: true } : {}),
        };
      }),
    };
  });
}

function beforeEach(events: readonly ClientCaseEvent[]) {
  let state: ClientCaseState = initialState;
  return events.map((event) => {
    const before = state;
    state = evolve(state, event);
    return { event, before };
  });
}
