import type { ClientCaseEvent } from '../client-case/client-case-event';
import type { ClientCaseState } from '../client-case/client-case-state';

/**
 * What a timeline line is written from: codes, numbers and partner ids only. Free text (notes,
 * reasons, goal descriptions) and identity (the person, the BSN hash, references) never get here,
 * so nothing in the timeline needs redacting when a client is erased.
 */
export type TimelineDetails = Record<string, string | number | readonly string[] | undefined>;

/** `after` is the case just after `event`: answers name what they answer from it. */
export function timelineDetails(event: ClientCaseEvent, after: ClientCaseState): TimelineDetails {
  // Answers to a referral and a goal name what they answer, from the case as it stands.
  const referral = (id: string) => (after.enrolled ? after.referrals.get(id) : undefined);
  const goal = (id: string) => (after.enrolled ? after.goals.get(id) : undefined);
  switch (event.type) {
    case 'nl.samenloop.client-enrolled.v1': {
      const { municipality, programme, profile, startRung } = event.data;
      return { municipality, programme, profile, startRung };
    }
    case 'nl.samenloop.case-lead-assigned.v1':
      return { leadPartner: event.data.leadPartner, leadActor: event.data.leadActor };
    case 'nl.samenloop.contact-attempted.v1':
      return { channel: event.data.channel, outcome: event.data.outcome };
    case 'nl.samenloop.visit-held.v1': {
      const { location, lifeAreasDiscussed, withPartners, durationMinutes } = event.data;
      return { location, lifeAreasDiscussed, withPartners, durationMinutes };
    }
    case 'nl.samenloop.life-areas-assessed.v1':
      return { instrument: event.data.instrument, areas: Object.keys(event.data.scores).length };
    case 'nl.samenloop.goal-set.v1':
      return { goalId: event.data.goalId, lifeArea: event.data.lifeArea };
    case 'nl.samenloop.goal-achieved.v1':
    case 'nl.samenloop.goal-abandoned.v1':
      return { goalId: event.data.goalId, lifeArea: goal(event.data.goalId)?.lifeArea };
    case 'nl.samenloop.referral-made.v1':
      return {
        referralId: event.data.referralId,
        service: event.data.service,
        toPartner: event.data.toPartner,
      };
    case 'nl.samenloop.referral-accepted.v1':
    case 'nl.samenloop.referral-declined.v1':
    case 'nl.samenloop.referral-cancelled.v1': {
      const { referralId } = event.data;
      return { referralId, service: referral(referralId)?.service };
    }
    case 'nl.samenloop.referral-completed.v1': {
      const { referralId, outcome } = event.data;
      return { referralId, service: referral(referralId)?.service, outcome };
    }
    case 'nl.samenloop.ladder-step-reached.v1':
      return { rung: event.data.rung };
    case 'nl.samenloop.consent-granted.v1':
    case 'nl.samenloop.consent-withdrawn.v1':
      return { toPartner: event.data.toPartner, categories: event.data.categories };
    case 'nl.samenloop.case-closed.v1':
      return { reason: event.data.reason };
    case 'nl.samenloop.involvement-confirmed.v1':
      return { partner: event.data.partner };
    case 'nl.samenloop.client-reference-linked.v1':
    case 'nl.samenloop.involvement-signalled.v1':
    case 'nl.samenloop.involvement-ended.v1':
    case 'nl.samenloop.client-erased.v1':
      return {};
  }
}
