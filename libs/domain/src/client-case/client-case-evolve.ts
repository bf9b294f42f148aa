import type { DataCategory } from '../catalogue/data-category.catalogue';
import type { ConsentData } from '../catalogue/event-data-types';
import type { ClientCaseEvent, ClientCaseEventOf } from './client-case-event';
import type {
  ClientCaseState,
  Consents,
  EnrolledCase,
  GoalState,
  ReferralState,
} from './client-case-state';
import { initialState } from './client-case-state';
import { withEntry, withMembers, withoutEntry, withoutMembers } from './copy-on-write-util';

type EnrolledType = 'nl.samenloop.client-enrolled.v1';
type CaseEvent = Exclude<ClientCaseEvent, { type: EnrolledType }>;

/** Reads nothing but its arguments (no clock): a replay today rebuilds the original day's state. */
export function evolve(state: ClientCaseState, event: ClientCaseEvent): ClientCaseState {
  if (event.type === 'nl.samenloop.client-enrolled.v1') return enrolledCase(event);
  // A stream starts with its enrolment; anything before it has no case to change.
  return state.enrolled ? evolveCase(state, event) : state;
}

export function evolveAll(
  events: readonly ClientCaseEvent[],
  from: ClientCaseState = initialState,
): ClientCaseState {
  return events.reduce(evolve, from);
}

function enrolledCase({
  partnerId,
  occurredAt,
  data,
}: ClientCaseEventOf<EnrolledType>): EnrolledCase {
  return {
    enrolled: true,
    municipality: data.municipality,
    enrollingPartner: partnerId,
    enrolledAt: occurredAt,
    ...(data.programme === undefined ? {} : { programme: data.programme }),
    ...(data.profile === undefined ? {} : { profile: data.profile }),
    status: 'open',
    involved: new Set([partnerId]),
    unconfirmed: new Set(),
    lead: null,
    referrals: new Map(),
    goals: new Map(),
    consents: new Map(),
    ladder: data.startRung === undefined ? [] : [{ rung: data.startRung, at: occurredAt }],
    lifeAreaScores: new Map(),
    references: data.reference === undefined ? new Map() : new Map([[partnerId, data.reference]]),
    erased: false,
  };
}

function evolveCase(state: EnrolledCase, event: CaseEvent): EnrolledCase {
  const { partnerId } = event;
  switch (event.type) {
    case 'nl.samenloop.client-reference-linked.v1':
      return { ...state, references: withEntry(state.references, partnerId, event.data.reference) };
    case 'nl.samenloop.involvement-signalled.v1':
      // A partner already involved (by referral, as lead) made no new match.
      if (state.involved.has(partnerId)) return state;
      return {
        ...state,
        involved: withMembers(state.involved, [partnerId]),
        unconfirmed: withMembers(state.unconfirmed, [partnerId]),
      };
    case 'nl.samenloop.involvement-ended.v1':
      return {
        ...state,
        involved: withoutMembers(state.involved, [partnerId]),
        unconfirmed: withoutMembers(state.unconfirmed, [partnerId]),
      };
    case 'nl.samenloop.involvement-confirmed.v1':
      return { ...state, unconfirmed: withoutMembers(state.unconfirmed, [event.data.partner]) };
    case 'nl.samenloop.case-lead-assigned.v1': {
      const { leadPartner, leadActor } = event.data;
      return {
        ...state,
        lead: { partner: leadPartner, actor: leadActor },
        involved: withMembers(state.involved, [leadPartner]),
      };
    }
    case 'nl.samenloop.contact-attempted.v1':
    case 'nl.samenloop.visit-held.v1':
      return state;
    case 'nl.samenloop.life-areas-assessed.v1':
      return {
        ...state,
        lifeAreaScores: new Map([...state.lifeAreaScores, ...Object.entries(event.data.scores)]),
      };
    case 'nl.samenloop.goal-set.v1': {
      const { goalId, lifeArea } = event.data;
      const goal: GoalState = { goalId, lifeArea, setBy: partnerId, status: 'open' };
      return { ...state, goals: withEntry(state.goals, goalId, goal) };
    }
    case 'nl.samenloop.goal-achieved.v1':
      return withGoal(state, event.data.goalId, { status: 'achieved' });
    case 'nl.samenloop.goal-abandoned.v1':
      return withGoal(state, event.data.goalId, { status: 'abandoned' });
    case 'nl.samenloop.referral-made.v1': {
      const { referralId, service, toPartner } = event.data;
      const referral: ReferralState = {
        referralId,
        service,
        fromPartner: partnerId,
        ...(toPartner === undefined ? {} : { toPartner }),
        status: 'made',
      };
      return { ...state, referrals: withEntry(state.referrals, referralId, referral) };
    }
    case 'nl.samenloop.referral-accepted.v1': {
      const accepted = withReferral(state, event.data.referralId, { status: 'accepted' });
      return { ...accepted, involved: withMembers(state.involved, [partnerId]) };
    }
    case 'nl.samenloop.referral-declined.v1':
      return withReferral(state, event.data.referralId, { status: 'declined' });
    case 'nl.samenloop.referral-cancelled.v1':
      return withReferral(state, event.data.referralId, { status: 'cancelled' });
    case 'nl.samenloop.referral-completed.v1': {
      const { referralId, outcome } = event.data;
      return withReferral(state, referralId, { status: 'completed', outcome });
    }
    case 'nl.samenloop.ladder-step-reached.v1':
      return {
        ...state,
        ladder: [...state.ladder, { rung: event.data.rung, at: event.occurredAt }],
      };
    case 'nl.samenloop.consent-granted.v1':
      return {
        ...state,
        consents: changeConsent(state.consents, partnerId, event.data, withMembers),
      };
    case 'nl.samenloop.consent-withdrawn.v1':
      return {
        ...state,
        consents: changeConsent(state.consents, partnerId, event.data, withoutMembers),
      };
    case 'nl.samenloop.case-closed.v1':
      return { ...state, status: 'closed', closeReason: event.data.reason };
    case 'nl.samenloop.client-erased.v1':
      return { ...state, erased: true };
  }
}

function withGoal(state: EnrolledCase, goalId: string, change: Partial<GoalState>): EnrolledCase {
  const goal = state.goals.get(goalId);
  return goal ? { ...state, goals: withEntry(state.goals, goalId, { ...goal, ...change }) } : state;
}

function withReferral(
  state: EnrolledCase,
  referralId: string,
  change: Partial<ReferralState>,
): EnrolledCase {
  const referral = state.referrals.get(referralId);
  return referral
    ? { ...state, referrals: withEntry(state.referrals, referralId, { ...referral, ...change }) }
    : state;
}

function changeConsent(
  consents: Consents,
  fromPartner: string,
  { toPartner, categories }: ConsentData,
  change: (
    set: ReadonlySet<DataCategory>,
    members: Iterable<DataCategory>,
  ) => ReadonlySet<DataCategory>,
): Consents {
  const given = consents.get(fromPartner) ?? new Map<string, ReadonlySet<DataCategory>>();
  const changed = change(given.get(toPartner) ?? new Set(), categories);
  // Empty entries are dropped so that "never granted" and "granted then withdrawn" compare equal.
  const toPartners = changed.size
    ? withEntry(given, toPartner, changed)
    : withoutEntry(given, toPartner);
  return toPartners.size
    ? withEntry(consents, fromPartner, toPartners)
    : withoutEntry(consents, fromPartner);
}
