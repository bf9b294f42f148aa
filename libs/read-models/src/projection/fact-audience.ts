import { EVENT_CATEGORIES } from '@samenloop/domain';
import { secrecyOf, UNKNOWN_SENDER_KIND } from '@samenloop/sharing';
import type { CaseStep } from './case-step';

/**
 * Who may count an assessment fact in caseload and outcome figures, decided once as the event is
 * projected: `null` when it flows to every involved partner whose agreement names its category,
 * else the publisher and the partners the client had given consent to for that category as the
 * event happened, as the sharing policy settles it (`secrecyOf`; a sender whose kind is unknown is
 * read as the policy reads it, bound). Per-event views (timeline, client detail) ask the policy
 * for each receiver.
 */
export function factAudience({ event, before, senderKind }: CaseStep): string[] | null {
  const secrecy = secrecyOf({
    event,
    stateBefore: before,
    senderKind: senderKind ?? UNKNOWN_SENDER_KIND,
  });
  const consented = secrecy[EVENT_CATEGORIES[event.type].category];
  return consented === undefined ? null : [...new Set([event.partnerId, ...consented])].sort();
}

/** Whether a partner may count a fact with this audience. */
export function countsFor(audience: readonly string[] | null, partnerId: string): boolean {
  return audience === null || audience.includes(partnerId);
}
