import type { ClientCaseEvent } from '@samenloop/domain';

/**
 * One line per event for auditors. A stand-in until the read models export their timeline
 * summariser (which cannot be imported here: the read models depend on this lib for the access
 * log). Free text (notes, descriptions, reasons) is left out: the export shows the full data.
 */
export function summarise(event: ClientCaseEvent): string {
  const by = event.actor ? `${event.partnerId} (${event.actor})` : event.partnerId;
  switch (event.type) {
    case 'nl.samenloop.client-enrolled.v1':
      return `${by} enrolled the client in ${event.data.municipality}${
        event.data.profile ? `, profile ${event.data.profile}` : ''
      }${event.data.startRung ? `, starting on rung ${event.data.startRung}` : ''}`;
    case 'nl.samenloop.client-reference-linked.v1':
      return `${by} linked its own reference`;
    case 'nl.samenloop.involvement-signalled.v1':
      return `${by} signalled its involvement`;
    case 'nl.samenloop.involvement-ended.v1':
      return `${by} ended its involvement`;
    case 'nl.samenloop.involvement-confirmed.v1':
      return `${by} confirmed the match of ${event.data.partner}`;
    case 'nl.samenloop.case-lead-assigned.v1':
      return `${by} assigned the case lead to ${event.data.leadPartner} (${event.data.leadActor})`;
    case 'nl.samenloop.contact-attempted.v1':
      return `${by} attempted contact by ${event.data.channel}: ${event.data.outcome}`;
    case 'nl.samenloop.visit-held.v1':
      return `${by} held a visit (${event.data.location}) on ${
        event.data.lifeAreasDiscussed.join(', ') || 'no life areas'
      }${event.data.durationMinutes ? `, ${event.data.durationMinutes} minutes` : ''}`;
    case 'nl.samenloop.life-areas-assessed.v1':
      return `${by} assessed ${Object.keys(event.data.scores).length} life areas (${event.data.instrument})`;
    case 'nl.samenloop.goal-set.v1':
      return `${by} set goal ${event.data.goalId} on ${event.data.lifeArea}`;
    case 'nl.samenloop.goal-achieved.v1':
      return `${by} marked goal ${event.data.goalId} achieved`;
    case 'nl.samenloop.goal-abandoned.v1':
      return `${by} abandoned goal ${event.data.goalId}`;
    case 'nl.samenloop.referral-made.v1':
      return `${by} referred the client to ${event.data.service}${
        event.data.toPartner ? ` at ${event.data.toPartner}` : ''
      } (${event.data.referralId})`;
    case 'nl.samenloop.referral-accepted.v1':
      return `${by} accepted referral ${event.data.referralId}`;
    case 'nl.samenloop.referral-declined.v1':
      return `${by} declined referral ${event.data.referralId}`;
    case 'nl.samenloop.referral-completed.v1':
      return `${by} completed referral ${event.data.referralId}: ${event.data.outcome}`;
    case 'nl.samenloop.referral-cancelled.v1':
      return `${by} cancelled referral ${event.data.referralId}`;
    case 'nl.samenloop.ladder-step-reached.v1':
      return `${by} recorded participation-ladder rung ${event.data.rung}`;
    case 'nl.samenloop.consent-granted.v1':
      return `${by} recorded consent to share ${event.data.categories.join(', ')} with ${event.data.toPartner}`;
    case 'nl.samenloop.consent-withdrawn.v1':
      return `${by} recorded withdrawal of consent to share ${event.data.categories.join(', ')} with ${event.data.toPartner}`;
    case 'nl.samenloop.case-closed.v1':
      return `${by} closed the case: ${event.data.reason}`;
    case 'nl.samenloop.client-erased.v1':
      return `${by} erased the client's personal data`;
  }
}
