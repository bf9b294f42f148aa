import {
  evolve,
  initialState,
  summarize,
  timelineDetails,
  type ClientCaseEvent,
} from '@samenloop/domain';

/**
 * Each event's line for auditors, in the words of the dashboard's timeline (English, partners by
 * id), from the case just after it. Free text and identity are never in it: the export shows the
 * full data.
 */
export function summariesOf(events: readonly ClientCaseEvent[]): string[] {
  let state = initialState;
  return events.map((event) => {
    state = evolve(state, event);
    return summarize(event.type, timelineDetails(event, state), 'en', (partnerId) => partnerId);
  });
}
