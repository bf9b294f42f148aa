import { MAX_JSON_DEPTH } from '@samenloop/platform';
import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import { validateCloudEvent } from './cloud-event-validator';

const NOW = new Date('2026-03-01T12:00:00Z');
const BSN = '111222333';

const VALID_DATA: { [T in EventType]: Record<string, unknown> } = {
  'nl.samenloop.client-enrolled.v1': {
    municipality: 'GM0794',
    programme: 'Samen verder',
    profile: 'social-activation',
    startRung: 1,
    person: { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30', bsn: BSN },
  },
  'nl.samenloop.client-reference-linked.v1': { reference: 'GGZ-77' },
  'nl.samenloop.involvement-signalled.v1': { bsn: BSN },
  'nl.samenloop.involvement-ended.v1': { reason: 'treatment finished' },
  'nl.samenloop.involvement-confirmed.v1': { partner: 'ggz-oost-brabant' },
  'nl.samenloop.case-lead-assigned.v1': { leadPartner: 'ggz-oost', leadActor: 'emp-9' },
  'nl.samenloop.contact-attempted.v1': { channel: 'phone', outcome: 'no-answer' },
  'nl.samenloop.visit-held.v1': {
    location: 'home',
    lifeAreasDiscussed: ['finances', 'housing'],
    withPartners: ['ggz-oost'],
    durationMinutes: 45,
    notes: 'Kitchen-table talk.\nNext week again.',
  },
  'nl.samenloop.life-areas-assessed.v1': { scores: { finances: 2, housing: 4 } },
  'nl.samenloop.goal-set.v1': { goalId: 'g-1', lifeArea: 'finances', description: 'No new debts' },
  'nl.samenloop.goal-achieved.v1': { goalId: 'g-1' },
  'nl.samenloop.goal-abandoned.v1': { goalId: 'g-1', reason: 'moved away' },
  'nl.samenloop.referral-made.v1': { referralId: 'r-1', service: 'debt-help', toPartner: 'ggz' },
  'nl.samenloop.referral-accepted.v1': { referralId: 'r-1' },
  'nl.samenloop.referral-declined.v1': { referralId: 'r-1', reason: 'no capacity' },
  'nl.samenloop.referral-completed.v1': { referralId: 'r-1', outcome: 'attended' },
  'nl.samenloop.referral-cancelled.v1': { referralId: 'r-1' },
  'nl.samenloop.ladder-step-reached.v1': { rung: 3 },
  'nl.samenloop.consent-granted.v1': { toPartner: 'gemeente', categories: ['assessment'] },
  'nl.samenloop.consent-withdrawn.v1': { toPartner: 'gemeente', categories: ['content'] },
  'nl.samenloop.case-closed.v1': { reason: 'goal-reached' },
  'nl.samenloop.client-erased.v1': {},
};

function event(type: EventType, changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: 'evt-1',
    source: 'urn:samenloop:partner:gemeente-helmond',
    type,
    subject: 'GM-2026-001',
    time: '2026-03-01T11:00:00+01:00',
    data: VALID_DATA[type],
    ...changes,
  };
}

function errorsOf(input: unknown) {
  const result = validateCloudEvent(input, NOW);
  return result.ok ? [] : result.errors;
}

/** The paths that failed, for an event of `type` with its data changed. */
function dataErrorPaths(type: EventType, data: Record<string, unknown>): string[] {
  return errorsOf(event(type, { data: { ...VALID_DATA[type], ...data } })).map(({ path }) => path);
}

describe('validateCloudEvent', () => {
  it.each(EVENT_TYPES)('accepts a complete %s', (type) => {
    const input = event(type, { actor: 'emp-1234', datacontenttype: 'application/json' });
    expect(validateCloudEvent(input, NOW)).toEqual({ ok: true, event: input });
  });

  it('accepts the smallest envelope: no actor, datacontenttype or dataschema', () => {
    expect(errorsOf(event('nl.samenloop.ladder-step-reached.v1'))).toEqual([]);
  });

  it('refuses anything but a JSON object', () => {
    for (const input of [null, [], 'event', 42]) {
      expect(errorsOf(input)).toEqual([
        { path: '', message: 'a CloudEvent must be a JSON object' },
      ]);
    }
  });

  it('refuses, without recursing, an event nested deeper than any CloudEvent is', () => {
    // Deep enough to overflow the stack of a recursive walk.
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const input = event('nl.samenloop.ladder-step-reached.v1', {
      data: { ...VALID_DATA['nl.samenloop.ladder-step-reached.v1'], extra: deep },
    });
    expect(errorsOf(input)).toEqual([
      { path: '', message: `a CloudEvent may nest at most ${MAX_JSON_DEPTH} levels deep` },
    ]);
  });

  describe('the envelope', () => {
    const pathsOf = (changes: Record<string, unknown>) =>
      errorsOf(event('nl.samenloop.ladder-step-reached.v1', changes)).map(({ path }) => path);

    it.each([
      ['specversion', '0.3'],
      ['specversion', 1],
      ['id', ''],
      ['id', 'x'.repeat(129)],
      ['id', 42],
      ['source', 'urn:samenloop:partner:'],
      ['source', 'urn:samenloop:partner:Gemeente'],
      ['source', 'https://gemeente.example/events'],
      ['type', 'nl.samenloop.visit-held.v2'],
      ['type', 'visit-held'],
      ['subject', ''],
      ['subject', 'x'.repeat(201)],
      ['subject', 'GM\n001'],
      ['subject', 'GM\u0000001'],
      ['time', '2026-03-01 11:00:00Z'],
      ['time', '2026-03-01T11:00:00'],
      ['time', '2026-02-30T11:00:00Z'],
      ['time', '2026-03-01T24:00:00Z'],
      ['time', '2026-03-01T11:00:00+25:00'],
      ['time', 'yesterday'],
      ['actor', ''],
      ['actor', 'x'.repeat(129)],
      ['actor', null],
      ['datacontenttype', 'application/xml'],
      ['dataschema', 'not a uri'],
      ['dataschema', ''],
      ['data', 'rung 3'],
      ['data', [3]],
      ['data', null],
    ])('refuses %s %j', (attribute, value) => {
      expect(pathsOf({ [attribute]: value })).toContain(attribute);
    });

    it.each(['specversion', 'id', 'source', 'type', 'subject', 'time', 'data'])(
      'requires %s',
      (attribute) => {
        expect(pathsOf({ [attribute]: undefined })).toContain(attribute);
      },
    );

    it('accepts RFC 3339 times with offsets, fractions and a leap second', () => {
      for (const time of [
        '2026-03-01T11:00:00Z',
        '2026-03-01t11:00:00.123456z',
        '2026-03-01T13:00:00+02:00',
        '2016-12-31T23:59:60Z',
      ]) {
        expect(pathsOf({ time })).toEqual([]);
      }
    });

    it('accepts a time up to 5 minutes ahead of the hub, not later', () => {
      expect(pathsOf({ time: '2026-03-01T12:05:00Z' })).toEqual([]);
      expect(
        errorsOf(
          event('nl.samenloop.ladder-step-reached.v1', { time: '2026-03-01T14:05:01+02:00' }),
        ),
      ).toEqual([{ path: 'time', message: 'time must be at most 5 minutes in the future' }]);
    });

    it('refuses unknown attributes, CloudEvents extensions included', () => {
      expect(
        errorsOf(
          event('nl.samenloop.ladder-step-reached.v1', {
            traceparent: '00-x',
            data_base64: 'AA==',
          }),
        ),
      ).toEqual([
        { path: 'traceparent', message: 'property traceparent should not exist' },
        { path: 'data_base64', message: 'property data_base64 should not exist' },
      ]);
    });

    it('accepts a dataschema URI', () => {
      expect(
        pathsOf({ dataschema: 'https://samenloop.nl/schemas/ladder-step-reached.v1.json' }),
      ).toEqual([]);
    });
  });

  describe('the data', () => {
    it('refuses unknown fields at every level', () => {
      const enrolled = VALID_DATA['nl.samenloop.client-enrolled.v1'];
      const input = event('nl.samenloop.client-enrolled.v1', {
        data: {
          ...enrolled,
          diagnosis: 'x',
          person: { ...(enrolled.person as object), nickname: 'An' },
        },
      });
      expect(errorsOf(input)).toEqual(
        expect.arrayContaining([
          { path: 'data.diagnosis', message: 'property diagnosis should not exist' },
          { path: 'data.person.nickname', message: 'property nickname should not exist' },
        ]),
      );
      expect(dataErrorPaths('nl.samenloop.ladder-step-reached.v1', { note: 'x' })).toEqual([
        'data.note',
      ]);
    });

    it('refuses null for an optional field: absent or valid', () => {
      expect(dataErrorPaths('nl.samenloop.involvement-ended.v1', { reason: null })).toEqual([
        'data.reason',
      ]);
    });

    it.each([
      ['municipality', 'GM794'],
      ['municipality', 'gm0794'],
      ['municipality', undefined],
      ['programme', ''],
      ['profile', 'full-care'],
      ['startRung', 0],
      ['startRung', 7],
      ['person', 'Anna de Vries'],
      ['person', undefined],
    ])('client-enrolled: refuses %s %j', (field, value) => {
      expect(dataErrorPaths('nl.samenloop.client-enrolled.v1', { [field]: value })).toContain(
        `data.${field}`,
      );
    });

    it.each([
      ['givenName', ''],
      ['givenName', undefined],
      ['familyName', 'x'.repeat(201)],
      ['birthDate', '30-04-1975'],
      ['birthDate', '1975-02-29'],
      ['birthDate', '1975-13-01'],
      ['birthDate', '0075-01-01'],
      ['bsn', '111222334'],
      ['bsn', '11122233'],
      ['bsn', 111222333],
    ])('client-enrolled: refuses person.%s %j', (field, value) => {
      const person = {
        ...(VALID_DATA['nl.samenloop.client-enrolled.v1'].person as object),
        [field]: value,
      };
      expect(dataErrorPaths('nl.samenloop.client-enrolled.v1', { person })).toEqual([
        `data.person.${field}`,
      ]);
    });

    it('client-enrolled: needs a birth date in the past, per the hub clock', () => {
      const person = (birthDate: string) => ({
        ...(VALID_DATA['nl.samenloop.client-enrolled.v1'].person as object),
        birthDate,
      });
      expect(
        dataErrorPaths('nl.samenloop.client-enrolled.v1', { person: person('2026-02-28') }),
      ).toEqual([]);
      expect(
        errorsOf(
          event('nl.samenloop.client-enrolled.v1', {
            data: {
              ...VALID_DATA['nl.samenloop.client-enrolled.v1'],
              person: person('2026-03-01'),
            },
          }),
        ),
      ).toEqual([{ path: 'data.person.birthDate', message: 'birthDate must lie in the past' }]);
    });

    it('client-enrolled: the BSN is optional, and never echoed in a message', () => {
      const { bsn: _bsn, ...person } = VALID_DATA['nl.samenloop.client-enrolled.v1']
        .person as Record<string, unknown>;
      expect(dataErrorPaths('nl.samenloop.client-enrolled.v1', { person })).toEqual([]);
      expect(
        errorsOf(event('nl.samenloop.involvement-signalled.v1', { data: { bsn: '123456789' } })),
      ).toEqual([{ path: 'data.bsn', message: 'bsn must be nine digits passing the eleven test' }]);
    });

    it.each<[EventType, Record<string, unknown>, string]>([
      ['nl.samenloop.client-reference-linked.v1', { reference: '' }, 'data.reference'],
      ['nl.samenloop.client-reference-linked.v1', { reference: 'a\tb' }, 'data.reference'],
      ['nl.samenloop.involvement-signalled.v1', { bsn: undefined }, 'data.bsn'],
      ['nl.samenloop.involvement-ended.v1', { reason: 'x'.repeat(4001) }, 'data.reason'],
      ['nl.samenloop.case-lead-assigned.v1', { leadPartner: 'GGZ Oost' }, 'data.leadPartner'],
      ['nl.samenloop.case-lead-assigned.v1', { leadActor: undefined }, 'data.leadActor'],
      ['nl.samenloop.contact-attempted.v1', { channel: 'pigeon' }, 'data.channel'],
      ['nl.samenloop.contact-attempted.v1', { outcome: 'maybe' }, 'data.outcome'],
      ['nl.samenloop.visit-held.v1', { location: 'park' }, 'data.location'],
      ['nl.samenloop.visit-held.v1', { lifeAreasDiscussed: 'finances' }, 'data.lifeAreasDiscussed'],
      ['nl.samenloop.visit-held.v1', { lifeAreasDiscussed: ['a', 'a'] }, 'data.lifeAreasDiscussed'],
      ['nl.samenloop.visit-held.v1', { withPartners: ['GGZ'] }, 'data.withPartners'],
      ['nl.samenloop.visit-held.v1', { durationMinutes: 0 }, 'data.durationMinutes'],
      ['nl.samenloop.visit-held.v1', { durationMinutes: 12.5 }, 'data.durationMinutes'],
      ['nl.samenloop.visit-held.v1', { notes: 'bell\u0007' }, 'data.notes'],
      ['nl.samenloop.life-areas-assessed.v1', { scores: {} }, 'data.scores'],
      ['nl.samenloop.life-areas-assessed.v1', { scores: { finances: 6 } }, 'data.scores'],
      ['nl.samenloop.life-areas-assessed.v1', { scores: { finances: '2' } }, 'data.scores'],
      ['nl.samenloop.life-areas-assessed.v1', { scores: [2] }, 'data.scores'],
      ['nl.samenloop.life-areas-assessed.v1', { instrument: '' }, 'data.instrument'],
      ['nl.samenloop.goal-set.v1', { goalId: '' }, 'data.goalId'],
      ['nl.samenloop.goal-set.v1', { description: undefined }, 'data.description'],
      ['nl.samenloop.goal-achieved.v1', { goalId: 7 }, 'data.goalId'],
      ['nl.samenloop.referral-made.v1', { service: 'astrology' }, 'data.service'],
      ['nl.samenloop.referral-made.v1', { toPartner: '' }, 'data.toPartner'],
      ['nl.samenloop.referral-accepted.v1', { referralId: undefined }, 'data.referralId'],
      ['nl.samenloop.referral-completed.v1', { outcome: 'done' }, 'data.outcome'],
      ['nl.samenloop.ladder-step-reached.v1', { rung: 0 }, 'data.rung'],
      ['nl.samenloop.ladder-step-reached.v1', { rung: 7 }, 'data.rung'],
      ['nl.samenloop.ladder-step-reached.v1', { rung: 2.5 }, 'data.rung'],
      ['nl.samenloop.ladder-step-reached.v1', { rung: '3' }, 'data.rung'],
      ['nl.samenloop.consent-granted.v1', { categories: [] }, 'data.categories'],
      ['nl.samenloop.consent-granted.v1', { categories: ['diagnosis'] }, 'data.categories'],
      ['nl.samenloop.consent-withdrawn.v1', { toPartner: undefined }, 'data.toPartner'],
      ['nl.samenloop.case-closed.v1', { reason: 'bored' }, 'data.reason'],
    ])('%s: refuses %j', (type, data, path) => {
      expect(dataErrorPaths(type, data)).toEqual([path]);
    });

    it('ladder-step-reached: says why a rung is refused', () => {
      expect(errorsOf(event('nl.samenloop.ladder-step-reached.v1', { data: { rung: 7 } }))).toEqual(
        [{ path: 'data.rung', message: 'rung must not be greater than 6' }],
      );
    });

    it('reports envelope and data errors together', () => {
      const input = event('nl.samenloop.ladder-step-reached.v1', { id: '', data: { rung: 9 } });
      expect(errorsOf(input).map(({ path }) => path)).toEqual(['id', 'data.rung']);
    });
  });
});
