import { evolve, initialState, type ClientCaseEvent } from '@samenloop/domain';
import { summariesOf } from './event-summaries';

/** The events with the case after each, as the replay's history has them. */
function replayed(events: readonly ClientCaseEvent[]) {
  let after = initialState;
  return events.map((event) => {
    after = evolve(after, event);
    return { event, after };
  });
}

const base = { partnerId: 'ggz-oost', occurredAt: '2026-12-01T09:00:00Z', recordedAt: '' };
const enrolled = {
  ...base,
  eventId: 'e-0',
  partnerId: 'gemeente',
  type: 'nl.samenloop.client-enrolled.v1',
  data: { municipality: 'GM0794', person: {}, bsnHash: 'h' },
} as unknown as ClientCaseEvent;

describe('summariesOf', () => {
  it('writes each event in the dashboard timeline’s words, in English', () => {
    const attempt = {
      ...base,
      eventId: 'e-1',
      actor: 'emp-7',
      type: 'nl.samenloop.contact-attempted.v1',
      data: { channel: 'phone', outcome: 'no-answer' },
    } as ClientCaseEvent;
    const [, line] = summariesOf(replayed([enrolled, attempt]));
    expect(line).toMatch(/phone/i);
    expect(line).toMatch(/no answer/i);
  });

  it('leaves free text out', () => {
    const visit = {
      ...base,
      eventId: 'e-2',
      type: 'nl.samenloop.visit-held.v1',
      data: { location: 'home', lifeAreasDiscussed: ['finances'], notes: 'Mw. Jansen was upset' },
    } as unknown as ClientCaseEvent;
    const [, line] = summariesOf(replayed([enrolled, visit]));
    expect(line).not.toContain('Jansen');
    expect(line).toBe('Conversation at home; discussed: finances');
  });
});
