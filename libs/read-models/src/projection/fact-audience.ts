import { EVENT_CATEGORIES, isHealthPartnerKind } from '@samenloop/domain';
import type { CaseStep } from './case-step';

/**
 * Who may count an assessment fact in caseload and outcome figures, decided once as the event is
 * projected: `null` when it flows to every involved partner whose agreement names its category,
 * else the publisher and the partners the client had given consent to for that category as the
 * event happened. Health partners' assessments are under professional secrecy (domain.md; the
 * sharing policy's rule); a sender whose kind is unknown is treated as bound, never as open.
 * Per-event views (timeline, client detail) ask the sharing policy itself.
 */
export function factAudience({ event, before, senderKind }: CaseStep): string[] | null {
  if (senderKind !== undefined && !isHealthPartnerKind(senderKind)) return null;
  const category = EVENT_CATEGORIES[event.type].category;
  const given = before.enrolled ? before.consents.get(event.partnerId) : undefined;
  const consented = [...(given ?? [])]
    .filter(([, categories]) => categories.has(category))
    .map(([partner]) => partner);
  return [...new Set([event.partnerId, ...consented])].sort();
}

/** Whether a partner may count a fact with this audience. */
export function countsFor(audience: readonly string[] | null, partnerId: string): boolean {
  return audience === null || audience.includes(partnerId);
}
