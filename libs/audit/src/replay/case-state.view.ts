import type { ClientCaseState } from '@samenloop/domain';
import type { PersonView } from './client-person';

/** The client-case state as plain JSON: maps as objects or lists, sets as sorted lists. */
export interface CaseStateView {
  enrolled: boolean;
  person: PersonView;
  municipality?: string;
  enrollingPartner?: string;
  enrolledAt?: string;
  programme?: string;
  profile?: string;
  status?: 'open' | 'closed';
  closeReason?: string;
  erased?: boolean;
  involved?: string[];
  lead?: { partner: string; actor: string } | null;
  referrals?: unknown[];
  goals?: unknown[];
  consents?: { fromPartner: string; toPartner: string; categories: string[] }[];
  ladder?: { rung: number; at: string }[];
  lifeAreaScores?: Record<string, number>;
  references?: Record<string, string>;
}

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
