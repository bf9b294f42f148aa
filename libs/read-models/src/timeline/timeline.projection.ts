import { EVENT_CATEGORIES } from '@samenloop/domain';
import type { CaseStep } from '../projection/case-step';
import type { Projection } from '../projection/projection';
import { insertOnce } from '../projection/row-fold';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { timelineDetails } from './timeline.details';

export function timelineEntryOf(step: CaseStep): TimelineEntryEntity {
  const { position, clientId, event } = step;
  return {
    position,
    clientId,
    type: event.type,
    category: EVENT_CATEGORIES[event.type].category,
    partnerId: event.partnerId,
    actor: event.actor ?? null,
    occurredAt: new Date(event.occurredAt),
    details: timelineDetails(step),
  };
}

/** Every event of every client, whoever published it. */
export const timelineProjection: Projection = {
  name: 'timeline',
  version: 1,
  entities: [TimelineEntryEntity],
  apply: (steps, manager) => insertOnce(manager, TimelineEntryEntity, steps.map(timelineEntryOf)),
};
