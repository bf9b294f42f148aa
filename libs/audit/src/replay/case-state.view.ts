import type { ClientCaseState } from '@samenloop/domain';
import type { CaseStateView } from '../audit.contract';
import type { PersonView } from './client-person';

export type { CaseStateView } from '../audit.contract';

/** The keyed BSN hash is left out: it means nothing to a reader and could single the person out. */
export function toCaseStateView(state: ClientCaseState, person: PersonView): CaseStateView {
  if (!state.enrolled) return { enrolled: false, person };
  return {
    enrolled: true,
    person,
    municipality: state.municipality,
    enrollingPartner: state.enrollingPartner,
    enrolledAt: state.enrolledAt,
    ...(state.programme === undefined ? {} : { programme: state.programme }),
    ...(state.profile === undefined ? {} : { profile: state.profile }),
    status: state.status,
    ...(state.closeReason === undefined ? {} : { closeReason: state.closeReason }),
    erased: state.erased,
    involved: [...state.involved].sort(),
    lead: state.lead,
    referrals: [...state.referrals.values()],
    goals: [...state.goals.values()],
    consents: [...state.consents].flatMap(([fromPartner, toPartners]) =>
      [...toPartners].map(([toPartner, categories]) => ({
        fromPartner,
        toPartner,
        categories: [...categories].sort(),
      })),
    ),
    ladder: [...state.ladder],
    lifeAreaScores: Object.fromEntries(state.lifeAreaScores),
    references: Object.fromEntries(state.references),
  };
}
