import type { DataCategory } from '../catalogue/data-category.catalogue';
import type { ZrmScore } from '../catalogue/life-area.catalogue';
import type { Rung } from '../catalogue/participation-ladder.catalogue';
import type {
  ClientProfile,
  CloseReason,
  ReferralOutcome,
  ReferralService,
} from '../catalogue/vocabulary.catalogue';

export type ReferralStatus = 'made' | 'accepted' | 'declined' | 'completed' | 'cancelled';

export interface ReferralState {
  referralId: string;
  service: ReferralService;
  fromPartner: string;
  /** Absent when the service is outside the hub; the referrer then reports its answers. */
  toPartner?: string;
  status: ReferralStatus;
  outcome?: ReferralOutcome;
}

export type GoalStatus = 'open' | 'achieved' | 'abandoned';

export interface GoalState {
  goalId: string;
  lifeArea: string;
  setBy: string;
  status: GoalStatus;
}

export interface CaseLead {
  partner: string;
  actor: string;
}

export interface LadderEntry {
  rung: Rung;
  /** When it was reached (`occurredAt`), never when it was replayed. */
  at: string;
}

/** from partner (whose data it is) -> to partner -> the categories it may receive. */
export type Consents = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<DataCategory>>>;

export interface EnrolledCase {
  enrolled: true;
  /** CBS code of the enrolling municipality. */
  municipality: string;
  /** The municipality's partner id: always involved, and with the lead allowed to steer the case. */
  enrollingPartner: string;
  enrolledAt: string;
  programme?: string;
  profile?: ClientProfile;
  status: 'open' | 'closed';
  closeReason?: CloseReason;
  involved: ReadonlySet<string>;
  /** Partners involved by a BSN match that the enrolling municipality has not confirmed yet. */
  unconfirmed: ReadonlySet<string>;
  lead: CaseLead | null;
  referrals: ReadonlyMap<string, ReferralState>;
  goals: ReadonlyMap<string, GoalState>;
  consents: Consents;
  ladder: readonly LadderEntry[];
  /** The latest score per life area over all assessments. */
  lifeAreaScores: ReadonlyMap<string, ZrmScore>;
  /** partner id -> the partner's own reference for the client. */
  references: ReadonlyMap<string, string>;
  erased: boolean;
}

export type ClientCaseState = { enrolled: false } | EnrolledCase;

export const initialState: ClientCaseState = { enrolled: false };
