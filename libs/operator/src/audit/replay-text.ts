import type { ReplayView } from '@samenloop/audit';

/** A replay for people: the case in a few lines, then the timeline, oldest first. */
export function replayLines(view: ReplayView): string[] {
  const moment =
    view.asOf === null
      ? 'now'
      : view.asOf.position !== undefined
        ? `position ${view.asOf.position}`
        : `${view.asOf.time} (${view.asOf.by === 'happened' ? 'as happened' : 'as recorded'})`;
  const lines = [`client ${view.clientId} as of ${moment}`];
  if (view.position === null) return [...lines, 'nothing was recorded about this client by then'];
  lines.push(
    `last event: revision ${view.revision}, position ${view.position}, recorded ${view.recordedAt}`,
  );
  const { state } = view;
  const person = state.person;
  lines.push(
    person === null
      ? 'person: not enrolled'
      : 'redacted' in person
        ? 'person: [erased]'
        : `person: ${person.givenName} ${person.familyName}, born ${person.birthDate}${person.bsn ? ', BSN on file' : ''}`,
  );
  if (state.enrolled) {
    lines.push(
      `case: ${state.erased ? 'erased' : state.status}${state.closeReason ? ` (${state.closeReason})` : ''}, ` +
        `municipality ${state.municipality}, enrolled by ${state.enrollingPartner}`,
      `lead: ${state.lead ? `${state.lead.partner} (${state.lead.actor})` : 'none'}; involved: ${state.involved?.join(', ')}`,
      `ladder: ${state.ladder?.map((step) => step.rung).join(' -> ') || 'no rungs'}; ` +
        `referrals: ${state.referrals?.length ?? 0}; goals: ${state.goals?.length ?? 0}`,
    );
  }
  lines.push('timeline:');
  for (const entry of view.timeline) {
    const by = entry.actor ? `${entry.partnerId} (${entry.actor})` : entry.partnerId;
    lines.push(
      `  ${String(entry.position).padStart(8)}  ${entry.recordedAt}  ${by}: ${entry.summary}`,
    );
  }
  return lines;
}
