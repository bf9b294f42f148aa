import { join } from 'node:path';
import {
  evolveAll,
  eventType,
  type ClientCaseEvent,
  type EventDataMap,
  type EventName,
  type EventType,
} from '@samenloop/domain';
import type { RecordedEvent } from '@samenloop/event-store';
import { loadSharingAgreements } from '@samenloop/sharing';
import type { HistoricEvent } from './client-history';
import { partnerSight } from './partner-sight';

// The shipped agreements: what the product really shares.
const AGREEMENTS = loadSharingAgreements(join(__dirname, '../../../../config/sharing.yaml'));
const GEMEENTE = { id: 'gemeente-helmond', kind: 'municipality' } as const;
const GGZ = { id: 'ggz-oost-brabant', kind: 'mental-health' } as const;
const WOON = { id: 'woonbedrijf', kind: 'housing-corporation' } as const;

function historic<N extends EventName>(
  position: number,
  by: { id: string },
  name: N,
  data: EventDataMap[EventType<N>],
): HistoricEvent {
  const event = {
    type: eventType(name),
    eventId: `evt-${position}`,
    partnerId: by.id,
    actor: 'emp-1',
    occurredAt: '2026-03-03T10:00:00Z',
    recordedAt: '2026-03-03T10:00:01Z',
    data,
  } as ClientCaseEvent;
  // Only the position of the stored event is read.
  return { recorded: { position } as RecordedEvent, event };
}

const ENROLLED = historic(1, GEMEENTE, 'client-enrolled', {
  municipality: 'GM0794',
  profile: 'social-activation',
  person: { sealed: 'c2VhbGVk' },
  reference: 'GM-1',
});
const SIGNALLED = historic(2, GGZ, 'involvement-signalled', {});
const ASSESSED = historic(3, GGZ, 'life-areas-assessed', {
  instrument: 'ZRM-2017',
  scores: { finances: 2 },
});
const CONSENTED = historic(4, GGZ, 'consent-granted', {
  toPartner: GEMEENTE.id,
  categories: ['assessment'],
});

function sight(events: HistoricEvent[]) {
  const state = evolveAll(events.map(({ event }) => event));
  return partnerSight(events, state, [GEMEENTE, GGZ, WOON], AGREEMENTS);
}

describe('what each partner could see at a moment', () => {
  it('names the partners concerned, their agreement, and why an event was held back', () => {
    const partners = sight([ENROLLED, SIGNALLED, ASSESSED]);

    expect(partners.map((p) => [p.partnerId, p.involved])).toEqual([
      [GEMEENTE.id, true],
      [GGZ.id, true],
    ]);
    const gemeente = partners[0]!;
    expect(gemeente.agreement).toMatchObject({
      version: AGREEMENTS.version,
      legalBasis: expect.any(String),
    });
    expect(gemeente.consents).toEqual([]);
    expect(gemeente.events.map((e) => [e.position, e.sees, e.reason])).toEqual([
      [1, 'own', undefined],
      [2, 'all', undefined],
      [3, 'nothing', 'no-consent'],
    ]);
    const ggz = partners[1]!;
    expect(ggz.events[0]).toMatchObject({ position: 1, sees: 'part' });
    expect(ggz.events[0]!.omitFields).toContain('reference');
  });

  it('shows a health partner’s assessment to the municipality once the client consented', () => {
    const gemeente = sight([ENROLLED, SIGNALLED, CONSENTED, ASSESSED])[0]!;

    expect(gemeente.consents).toEqual([{ fromPartner: GGZ.id, categories: ['assessment'] }]);
    expect(gemeente.events.find((e) => e.position === 3)).toMatchObject({
      sees: 'all',
      byConsent: true,
    });
  });

  it('is empty before the client was enrolled', () => {
    expect(sight([])).toEqual([]);
  });
});
