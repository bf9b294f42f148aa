import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { validateCloudEvent } from './cloud-event-validator';
import { INBOUND_EXAMPLES, inboundExampleEvent } from './inbound-event-examples';
import { inboundEventSchema, type JsonSchema } from './inbound-event.schema';

const NOW = new Date('2026-03-02T12:00:00Z');

const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const VALIDATORS = new Map(
  EVENT_TYPES.map((type) => [type, ajv.compile(inboundEventSchema(type))]),
);
const schemaAccepts = (type: EventType) => (input: unknown) => VALIDATORS.get(type)!(input);
const validatorAccepts = (input: unknown) => validateCloudEvent(input, NOW).ok;

type Event = Record<string, unknown>;

const example = (type: EventType) => inboundExampleEvent(type) as unknown as Event;
const withData = (type: EventType, changes: Event): Event => {
  const event = example(type);
  return { ...event, data: { ...(event.data as Event), ...changes } };
};

/** Values of every JSON type but the one a field has, and text that breaks every string rule. */
const WRONG_VALUES = [null, 42, 2.5, true, 'x', '', 'x'.repeat(5000), 'a\u0000b', [], {}];

/** Every field of the example's data changed to every wrong value, dropped, or one field added. */
function dataVariants(type: EventType): [string, Event][] {
  const fields = Object.keys(INBOUND_EXAMPLES[type]);
  return [
    ['an unknown field', withData(type, { diagnosis: 'x' })],
    ...fields.map((field): [string, Event] => [
      `without ${field}`,
      withData(type, { [field]: undefined }),
    ]),
    ...fields.flatMap((field) =>
      WRONG_VALUES.map((value): [string, Event] => [
        `${field} ${JSON.stringify(value).slice(0, 20)}`,
        withData(type, { [field]: value }),
      ]),
    ),
  ];
}

const ENVELOPE_VARIANTS: [string, unknown][] = [
  ['specversion', '0.3'],
  ['id', ''],
  ['id', 'x'.repeat(129)],
  ['source', 'urn:samenloop:partner:Gemeente'],
  ['source', 'https://gemeente.example/events'],
  ['type', 'nl.samenloop.visit-held.v2'],
  ['subject', 'GM\n001'],
  ['time', '2026-03-01 11:00:00Z'],
  ['time', '2026-03-01T11:00:00'],
  ['time', '2026-02-30T11:00:00Z'],
  ['time', '2026-03-01T24:00:00Z'],
  ['time', '2026-03-01t11:00:00.123456z'],
  ['time', '2016-12-31T23:59:60Z'],
  ['actor', null],
  ['datacontenttype', 'application/xml'],
  ['dataschema', 'not a uri'],
  ['dataschema', 'HTTPS://samenloop.nl/schemas/x.json'],
  ['data', [3]],
  ['data', undefined],
  ['traceparent', '00-ab'],
];

const DATA_VARIANTS: [EventType, Event][] = [
  ['nl.samenloop.client-enrolled.v1', { municipality: 'GM794' }],
  ['nl.samenloop.client-enrolled.v1', { startRung: 7 }],
  ['nl.samenloop.client-enrolled.v1', { person: { givenName: 'A', familyName: 'B' } }],
  [
    'nl.samenloop.client-enrolled.v1',
    { person: { givenName: 'A', familyName: 'B', birthDate: '1975-02-29' } },
  ],
  [
    'nl.samenloop.client-enrolled.v1',
    { person: { givenName: 'A', familyName: 'B', birthDate: '0075-01-01' } },
  ],
  [
    'nl.samenloop.client-enrolled.v1',
    { person: { givenName: 'A', familyName: 'B', birthDate: '1976-02-29', nickname: 'An' } },
  ],
  ['nl.samenloop.involvement-signalled.v1', { bsn: '11122233' }],
  ['nl.samenloop.case-lead-assigned.v1', { leadPartner: 'GGZ Oost' }],
  ['nl.samenloop.visit-held.v1', { lifeAreasDiscussed: ['a', 'a'] }],
  ['nl.samenloop.visit-held.v1', { lifeAreasDiscussed: [] }],
  ['nl.samenloop.visit-held.v1', { withPartners: ['GGZ'] }],
  ['nl.samenloop.visit-held.v1', { durationMinutes: 1441 }],
  ['nl.samenloop.visit-held.v1', { notes: 'Line one.\r\nLine two.\tEnd.' }],
  ['nl.samenloop.visit-held.v1', { notes: 'bell\u0007' }],
  ['nl.samenloop.life-areas-assessed.v1', { scores: { finances: 6 } }],
  ['nl.samenloop.life-areas-assessed.v1', { scores: { finances: 2.5 } }],
  ['nl.samenloop.life-areas-assessed.v1', { scores: { ['x'.repeat(65)]: 2 } }],
  ['nl.samenloop.life-areas-assessed.v1', { instrument: undefined }],
  ['nl.samenloop.ladder-step-reached.v1', { rung: 0 }],
  ['nl.samenloop.ladder-step-reached.v1', { rung: '3' }],
  ['nl.samenloop.consent-granted.v1', { categories: [] }],
  ['nl.samenloop.consent-granted.v1', { categories: ['content', 'content'] }],
  ['nl.samenloop.consent-granted.v1', { categories: ['diagnosis'] }],
  ['nl.samenloop.case-closed.v1', { reason: 'bored' }],
];

/**
 * What JSON Schema cannot say, so only the hub refuses; each is named in the schema's or the
 * field's description and in docs/inbound.md.
 */
const HUB_ONLY: [string, Event][] = [
  [
    'a time more than 5 minutes ahead of the hub',
    { ...example('nl.samenloop.contact-attempted.v1'), time: '2026-03-02T12:05:01Z' },
  ],
  [
    'a birth date that is not in the past',
    withData('nl.samenloop.client-enrolled.v1', {
      person: { givenName: 'A', familyName: 'B', birthDate: '2026-03-02' },
    }),
  ],
  [
    'a BSN that fails the eleven test',
    withData('nl.samenloop.involvement-signalled.v1', { bsn: '111222334' }),
  ],
];

describe('the inbound JSON Schemas', () => {
  it.each(EVENT_TYPES)('accept the example of %s, as the validator does', (type) => {
    const event = example(type);
    expect([validatorAccepts(event), schemaAccepts(type)(event)]).toEqual([true, true]);
  });

  it.each(EVENT_TYPES)('refuse and accept the variants of %s as the validator does', (type) => {
    const accepts = schemaAccepts(type);
    const disagreements = dataVariants(type)
      .filter(([, event]) => validatorAccepts(event) !== accepts(event))
      .map(([name]) => name);
    expect(disagreements).toEqual([]);
  });

  it('judge the envelope as the validator does', () => {
    const type = 'nl.samenloop.ladder-step-reached.v1';
    const accepts = schemaAccepts(type);
    const verdicts = ENVELOPE_VARIANTS.map(([attribute, value]) => {
      const event = { ...example(type), [attribute]: value };
      return [attribute, value, validatorAccepts(event), accepts(event)];
    });
    expect(verdicts.filter(([, , byValidator, bySchema]) => byValidator !== bySchema)).toEqual([]);
    // Both ways are exercised: the list is not all refusals.
    expect(verdicts.filter(([, , byValidator]) => byValidator).length).toBeGreaterThan(0);
  });

  it.each(DATA_VARIANTS)('judge %s %j as the validator does', (type, changes) => {
    const event = withData(type, changes);
    expect(schemaAccepts(type)(event)).toBe(validatorAccepts(event));
  });

  it.each(HUB_ONLY)('leave %s to the hub, which refuses it', (_rule, event) => {
    const type = event.type as EventType;
    expect([schemaAccepts(type)(event), validatorAccepts(event)]).toEqual([true, false]);
  });

  it('stand alone: every $ref points inside its own file', () => {
    const refs = (value: unknown): string[] =>
      typeof value !== 'object' || value === null
        ? []
        : Object.entries(value).flatMap(([key, item]) =>
            key === '$ref' ? [String(item)] : refs(item),
          );
    const all = EVENT_TYPES.flatMap((type) => refs(inboundEventSchema(type) as JsonSchema));
    expect(all.filter((ref) => !ref.startsWith('#'))).toEqual([]);
  });
});
