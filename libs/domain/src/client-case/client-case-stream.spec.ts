import type { ClientCaseEvent } from './client-case-event';
import { toClientCaseEvent, toEventToAppend } from './client-case-stream';

describe('client-case events in the store', () => {
  const event: ClientCaseEvent = {
    type: 'nl.samenloop.ladder-step-reached.v1',
    eventId: 'evt-7',
    partnerId: 'gemeente',
    actor: 'emp-1',
    occurredAt: '2026-03-01T10:00:00+01:00',
    recordedAt: '2026-03-01T09:00:01.000Z',
    data: { rung: 3 },
  };
  const trace = {
    source: 'urn:samenloop:partner:gemeente',
    subject: 'GM-1',
    contentHash: 'c0ffee',
    correlationId: 'req-1',
  };

  it('keep the domain event in type, data and metadata, with its trace', () => {
    expect(toEventToAppend(event, 'f3b0c442-98fc-5c14-9afb-f4c8996fb924', trace)).toEqual({
      id: 'f3b0c442-98fc-5c14-9afb-f4c8996fb924',
      type: event.type,
      data: { rung: 3 },
      metadata: {
        eventId: 'evt-7',
        partnerId: 'gemeente',
        actor: 'emp-1',
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        ...trace,
        causationId: 'evt-7',
      },
    });
  });

  it('read back as the same domain event', () => {
    const { id, type, data, metadata } = toEventToAppend(event, 'id', trace);
    const recorded = { id, type, data, metadata: metadata ?? {} };
    expect(toClientCaseEvent(recorded)).toEqual(event);
    const { actor: _actor, ...anonymous } = event;
    const withoutActor = toEventToAppend(anonymous as ClientCaseEvent, 'id', trace);
    expect(toClientCaseEvent({ ...recorded, metadata: withoutActor.metadata ?? {} })).toEqual(
      anonymous,
    );
  });
});
