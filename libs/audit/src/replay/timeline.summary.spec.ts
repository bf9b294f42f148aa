import type { ClientCaseEvent } from '@samenloop/domain';
import { summarise } from './timeline.summary';

const base = { eventId: 'e-1', partnerId: 'ggz-oost', occurredAt: '', recordedAt: '' };

describe('summarise', () => {
  it('says who did what in one line', () => {
    const event = {
      ...base,
      actor: 'emp-7',
      type: 'nl.samenloop.contact-attempted.v1',
      data: { channel: 'phone', outcome: 'no-answer' },
    } as ClientCaseEvent;
    expect(summarise(event)).toBe('ggz-oost (emp-7) attempted contact by phone: no-answer');
  });

  it('leaves free text out', () => {
    const event = {
      ...base,
      type: 'nl.samenloop.visit-held.v1',
      data: { location: 'home', lifeAreasDiscussed: ['finances'], notes: 'Mw. Jansen was upset' },
    } as ClientCaseEvent;
    expect(summarise(event)).toBe('ggz-oost held a visit (home) on finances');
  });
});
