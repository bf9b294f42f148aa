import { EVENT_CATEGORIES, isHubIssued, timelineDetails } from '@samenloop/domain';
import { secrecyOf } from '@samenloop/sharing';
import type { CaseStep } from '../projection/case-step';
import type { Projection } from '../projection/projection';
import { insertOnce } from '../projection/row-fold';
import { TimelineEntryEntity } from './timeline-entry.entity';

export function timelineEntryOf(step: CaseStep): TimelineEntryEntity {
  const { position, clientId, event, before, senderKind } = step;
  const senderKnown = senderKind !== undefined || isHubIssued(event);
  return {
    position,
    clientId,
    type: event.type,
    category: EVENT_CATEGORIES[event.type].category,
    partnerId: event.partnerId,
    actor: event.actor ?? null,
    occurredAt: new Date(event.occurredAt),
    details: timelineDetails(step.event, step.after),
    secrecy: senderKnown ? secrecyOf({ event, stateBefore: before, senderKind }) : null,
  };
}

/**
 * Every event of every client, whoever published it, with what the sharing policy settled as it
 * happened (version 2: `secrecy`).
 */
export const timelineProjection: Projection = {
  name: 'timeline',
  version: 2,
  entities: [TimelineEntryEntity],
  prepare: async (steps, manager) =>
    insertOnce(manager, TimelineEntryEntity, steps.map(timelineEntryOf)),
};
