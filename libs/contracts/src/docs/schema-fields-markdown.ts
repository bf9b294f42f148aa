export type Schema = { readonly [keyword: string]: unknown };

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** An object whose every field is a constant, such as the redaction marker: shown as its value. */
function literalOf(schema: Schema): Record<string, unknown> | undefined {
  const fields = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
  return fields.length > 0 && fields.every(([, field]) => field.const !== undefined)
    ? Object.fromEntries(fields.map(([name, field]) => [name, field.const]))
    : undefined;
}

/** What a schema admits, in a few words: the rule column of a field table. */
function ruleOf(schema: Schema): string {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(ruleOf).join(', or ');
  if (schema.const !== undefined) return code(schema.const);
  const literal = literalOf(schema);
  if (literal) return code(literal);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(code).join(', ')}`;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return `${schema.type === 'integer' ? 'whole number' : 'number'} ${schema.minimum}-${schema.maximum}`;
    case 'array': {
      const least = Number(schema.minItems ?? 0);
      return [
        `list of ${ruleOf(schema.items as Schema)}`,
        schema.uniqueItems ? 'without repeats' : '',
        least > 0 ? `at least ${least}` : '',
      ]
        .filter(Boolean)
        .join(', ');
    }
    case 'object':
      return schema.properties ? 'object with the fields below' : mapRule(schema);
    default:
      return stringRule(schema);
  }
}

/** A map: its keys by `propertyNames` (ours) or `patternProperties` (TypeBox's records). */
function mapRule(schema: Schema): string {
  const [pattern, value] =
    Object.entries((schema.patternProperties ?? {}) as Record<string, Schema>)[0] ?? [];
  const keys =
    pattern === '^(.*)$'
      ? 'text'
      : pattern === undefined
        ? ruleOf({ type: 'string', ...(schema.propertyNames as Schema) })
        : `keys matching ${code(pattern)}`;
  const values = ruleOf((value ?? schema.additionalProperties) as Schema);
  return `map of ${keys} to ${values}, at least ${schema.minProperties ?? 0}`;
}

function stringRule(schema: Schema): string {
  if (schema.format === 'date-time') return 'RFC 3339 date-time with offset';
  if (schema.format === 'date') return 'date `YYYY-MM-DD`';
  const length =
    schema.minLength !== undefined || schema.maxLength !== undefined
      ? `${schema.minLength ?? 0}-${schema.maxLength} characters`
      : '';
  const pattern =
    typeof schema.pattern === 'string' && !schema.pattern.includes('\\p{Cc}')
      ? `matching ${code(schema.pattern)}`
      : '';
  const text = schema.pattern === '^[^\\p{Cc}]*$' ? 'no control characters' : '';
  const lines =
    typeof schema.pattern === 'string' && schema.pattern.includes('[\\t\\n\\r]')
      ? 'line breaks and tabs but no other control characters'
      : '';
  return ['text', length, pattern, text, lines].filter(Boolean).join(', ');
}

/**
 * A markdown table of an object schema's fields, nested objects' fields as `parent.child`: what
 * docs/inbound.md and docs/outbound.md show of each type, generated so that it cannot drift.
 */
export function fieldTable(schema: Schema): string {
  const rows = fieldRows(schema, '');
  if (rows.length === 0) return '_No fields._\n';
  return ['| field | required | rule |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
}

function fieldRows(schema: Schema, prefix: string): string[] {
  const required = (schema.required ?? []) as string[];
  return Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(
    ([name, field]) => {
      const path = `${prefix}${name}`;
      const rule = [ruleOf(field), field.description].filter(Boolean).join('. ');
      const row = `| \`${path}\` | ${required.includes(name) ? 'yes' : 'no'} | ${rule} |`;
      const nested = ((field.anyOf ?? [field]) as Schema[]).find(
        (option) => option.properties && !literalOf(option),
      );
      return [row, ...(nested ? fieldRows(nested, `${path}.`) : [])];
    },
  );
}
