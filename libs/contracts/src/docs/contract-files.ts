import {
  EVENT_CATEGORIES,
  EVENT_TYPES,
  fieldsOfCategory,
  PARTNER_KINDS,
  PUBLISH_PERMISSIONS,
  type EventType,
} from '@samenloop/domain';
import { PROBLEM_TYPE_BASE } from '@samenloop/platform';
import type { OutboundEventType } from '../catalogue/outbound-event.catalogue';
import { INBOUND_EXAMPLES } from '../inbound/inbound-event-examples';
import { inboundDataSchema, inboundEventSchema } from '../inbound/inbound-event.schema';
import { INTAKE_PROBLEMS } from '../inbound/intake-problem.catalogue';
import { OutboundCloudEventSchema } from '../schemas/cloud-event.schema';
import { OUTBOUND_EXAMPLES } from '../schemas/outbound-event-examples';
import { OUTBOUND_EVENT_SCHEMAS, OUTBOUND_EVENT_TYPES } from '../schemas/outbound-event.schema';
import { fieldTable } from './schema-fields-markdown';

/** The command that writes what this file generates; the spec beside it names it on a mismatch. */
export const WRITE_COMMAND = 'npm run contract:write';

/**
 * Where a generated section of a markdown document begins and ends; Prettier leaves it as
 * generated (the generated JSON Schema files are in .prettierignore for the same reason).
 */
export const sectionMarkers = (name: string) =>
  [
    `<!-- generated: ${name} (${WRITE_COMMAND}); do not edit by hand -->\n<!-- prettier-ignore-start -->`,
    `<!-- prettier-ignore-end -->\n<!-- end of generated: ${name} -->`,
  ] as const;

/** Plain JSON, as a file holds it: TypeBox marks its schemas with symbols. */
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const jsonBlock = (value: unknown) => `\`\`\`json\n${json(value)}\`\`\`\n`;

/**
 * The JSON Schema files partners (and code generators) use, by path in the repository: one per
 * inbound type and version, the CloudEvent it posts; and one per outbound type, the `data` it
 * receives, with the outbound envelope.
 */
export function schemaFiles(): Record<string, string> {
  return {
    ...Object.fromEntries(
      EVENT_TYPES.map((type) => [`docs/schemas/${type}.json`, json(inboundEventSchema(type))]),
    ),
    ...Object.fromEntries(
      OUTBOUND_EVENT_TYPES.map((type) => [
        `docs/schemas/outbound/${type}.json`,
        json(OUTBOUND_EVENT_SCHEMAS[type]),
      ]),
    ),
    'docs/schemas/outbound/cloudevent.v1.json': json(OutboundCloudEventSchema),
  };
}

const codes = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');

function publishers(type: EventType): string {
  const kinds = PUBLISH_PERMISSIONS[type];
  if (kinds.length === PARTNER_KINDS.length) return 'any partner';
  return kinds.length > 0 ? codes(kinds) : 'the hub only, never a partner';
}

function inboundType(type: EventType): string {
  const content = fieldsOfCategory(type, 'content');
  return [
    `### \`${type}\``,
    '',
    `Published by: ${publishers(type)}. Category: \`${EVENT_CATEGORIES[type].category}\`` +
      (content.length > 0 ? ` (${codes(content)}: \`content\`)` : '') +
      `. Schema: [schemas/${type}.json](schemas/${type}.json).`,
    '',
    fieldTable(inboundDataSchema(type)),
    jsonBlock(INBOUND_EXAMPLES[type]),
  ].join('\n');
}

function outboundType(type: OutboundEventType): string {
  return [
    `### \`${type}\``,
    '',
    `Data schema: [schemas/outbound/${type}.json](schemas/outbound/${type}.json).`,
    '',
    fieldTable(OUTBOUND_EVENT_SCHEMAS[type]),
    jsonBlock(OUTBOUND_EXAMPLES[type]),
  ].join('\n');
}

function problemTable(): string {
  return (
    [
      '| `type` (after ' + `\`${PROBLEM_TYPE_BASE}\`) | status | title |`,
      '| --- | --- | --- |',
      ...Object.entries(INTAKE_PROBLEMS)
        .sort(([, [a]], [, [b]]) => a - b)
        .map(([code, [status, title]]) => `| \`${code}\` | ${status} | ${title} |`),
    ].join('\n') + '\n'
  );
}

/** The generated sections of the two documents, by document and section name. */
export function markdownSections(): Record<string, Record<string, string>> {
  return {
    'docs/inbound.md': {
      'event types': EVENT_TYPES.map(inboundType).join('\n'),
      'intake problems': problemTable(),
    },
    'docs/outbound.md': {
      'outbound types': OUTBOUND_EVENT_TYPES.map(outboundType).join('\n'),
    },
  };
}

/**
 * `document` with each generated section replaced by its current text; a section whose markers are
 * missing is an error, as the document would silently lose it.
 */
export function withSections(document: string, sections: Record<string, string>): string {
  return Object.entries(sections).reduce((text, [name, body]) => {
    const [begin, end] = sectionMarkers(name);
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`the markers of "${name}" are missing`);
    return `${text.slice(0, from + begin.length)}\n\n${body}\n${text.slice(to)}`;
  }, document);
}
