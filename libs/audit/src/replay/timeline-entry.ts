import type { ReplayTimelineEntry } from '../audit.contract';
import { moment, type HistoricEvent } from './client-history';

/**
 * One event of a client's stream as the replay's timeline and the subject export show it, with
 * its line (`summariesOf`, from the case just after it).
 */
export function timelineEntryOf(
  { recorded, event }: HistoricEvent,
  summary: string,
): ReplayTimelineEntry {
  return {
    position: recorded.position,
    revision: recorded.revision,
    recordedAt: moment(recorded, event).recordedAt.toISOString(),
    occurredAt: event.occurredAt,
    type: event.type,
    partnerId: event.partnerId,
    ...(event.actor === undefined ? {} : { actor: event.actor }),
    summary,
  };
}
