import { summarize, timelineDetails } from '@samenloop/domain';
import type { ReplayedEvent } from './client-history';

/**
 * Each event's line for auditors, in the words of the dashboard's timeline (English, partners by
 * id), from the case just after it. Free text and identity are never in it: the export shows the
 * full data.
 */
export function summariesOf(events: readonly Pick<ReplayedEvent, 'event' | 'after'>[]): string[] {
  return events.map(({ event, after }) =>
    summarize(event.type, timelineDetails(event, after), 'en', (partnerId) => partnerId),
  );
}
