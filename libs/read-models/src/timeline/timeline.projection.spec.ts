import {
  caseSteps,
  enrolment,
  event,
  GGZ,
  MUNICIPALITY,
  WORK,
} from '../projection/case-steps.spec-helper';
import { timelineEntryOf } from './timeline.projection';
import { summarize } from '@samenloop/domain';

const CLIENT = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const NAMES: Record<string, string> = {
  [MUNICIPALITY.id]: 'Gemeente Helmond',
  [GGZ.id]: 'GGZ Oost Brabant',
  [WORK.id]: 'Werkbedrijf',
};
const name = (id: string) => NAMES[id] ?? id;

const steps = caseSteps(CLIENT, [
  enrolment('2025-03-01T09:00:00.000Z', 2),
  event(GGZ, 'involvement-signalled', {}),
  event(MUNICIPALITY, 'case-lead-assigned', {
    leadPartner: GGZ.id,
    leadActor: 'emp-7',
    reason: 'vertrouwt GGZ',
  }),
  event(GGZ, 'visit-held', {
    location: 'home',
    lifeAreasDiscussed: ['finances', 'mental-health'],
    withPartners: [MUNICIPALITY.id],
    durationMinutes: 60,
    notes: 'Mevrouw vertelde over haar schulden',
  }),
  event(GGZ, 'goal-set', {
    goalId: 'g1',
    lifeArea: 'time-use',
    description: 'Koffie schenken in het BOP',
  }),
  event(GGZ, 'referral-made', {
    referralId: 'r1',
    service: 'work-activation',
    toPartner: WORK.id,
    reason: 'wil werken',
  }),
  event(WORK, 'referral-declined', { referralId: 'r1', reason: 'vol' }),
  event(GGZ, 'ladder-step-reached', { rung: 3 }),
  event(MUNICIPALITY, 'case-closed', { reason: 'goal-reached' }),
]);
const entries = steps.map(timelineEntryOf);
const lines = (lang: 'nl' | 'en') =>
  entries.map(({ type, details }) => summarize(type as never, details, lang, name));

describe('the timeline', () => {
  it('records each event with its partner, actor, time and category', () => {
    expect(entries[3]).toMatchObject({
      position: 4,
      clientId: CLIENT,
      type: 'nl.samenloop.visit-held.v1',
      category: 'contact',
      partnerId: GGZ.id,
      actor: expect.stringMatching(/^emp-/),
    });
  });

  it('keeps no free text and no personal data, so an erasure leaves nothing to redact', () => {
    const stored = JSON.stringify(entries.map(({ details }) => details));
    for (const text of [
      'schulden',
      'Koffie',
      'vertrouwt',
      'wil werken',
      'vol',
      'c2VhbGVk',
      'GM-1',
    ]) {
      expect(stored).not.toContain(text);
    }
  });

  it('reads as one line per event, in Dutch', () => {
    expect(lines('nl')).toEqual([
      'Aangemeld bij gemeente GM0794, trede 2 (sociale contacten buiten de deur)',
      'Betrokkenheid bij de cliënt gemeld',
      'Regie belegd bij GGZ Oost Brabant (emp-7)',
      'Gesprek thuis (60 min) samen met Gemeente Helmond; besproken: financiën, geestelijke gezondheid',
      'Doel gesteld op tijdsbesteding',
      'Verwezen naar werkactivering (Werkbedrijf)',
      'Verwijzing naar werkactivering afgewezen',
      'Participatieladder: trede 3 (deelname georganiseerde activiteiten)',
      'Casus gesloten: doel bereikt',
    ]);
  });

  it('and in English', () => {
    expect(lines('en')).toEqual([
      'Enrolled with municipality GM0794, rung 2 (social contacts outside the home)',
      'Signalled its involvement with the client',
      'Case lead assigned to GGZ Oost Brabant (emp-7)',
      'Conversation at home (60 min) together with Gemeente Helmond; discussed: finances, mental health',
      'Goal set for time use',
      'Referred to work activation (Werkbedrijf)',
      'Referral to work activation declined',
      'Participation ladder: rung 3 (taking part in organised activities)',
      'Case closed: goal reached',
    ]);
  });
});
