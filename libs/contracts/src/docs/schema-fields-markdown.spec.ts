import { fieldTable, type Schema } from './schema-fields-markdown';

const rowsOf = (schema: Schema) => fieldTable(schema).trim().split('\n').slice(2);

describe('fieldTable', () => {
  it('lists each field with whether it is required and what it admits', () => {
    expect(
      rowsOf({
        type: 'object',
        properties: {
          channel: { type: 'string', enum: ['phone', 'letter'] },
          minutes: { type: 'integer', minimum: 1, maximum: 1440 },
          notes: {
            type: 'string',
            minLength: 1,
            maxLength: 4000,
            pattern: '^(?:[^\\p{Cc}]|[\\t\\n\\r])*$',
          },
          partners: {
            type: 'array',
            items: { type: 'string', pattern: '^[a-z]+$' },
            uniqueItems: true,
            minItems: 1,
          },
        },
        required: ['channel'],
      }),
    ).toEqual([
      '| `channel` | yes | one of `phone`, `letter` |',
      '| `minutes` | no | whole number 1-1440 |',
      '| `notes` | no | text, 1-4000 characters, line breaks and tabs but no other control characters |',
      '| `partners` | no | list of text, matching `^[a-z]+$`, without repeats, at least 1 |',
    ]);
  });

  it('writes out nested objects as parent.child, and a constant marker as its value', () => {
    const marker = {
      type: 'object',
      properties: { redacted: { const: true }, reason: { const: 'erased' } },
    };
    expect(
      rowsOf({
        type: 'object',
        properties: {
          person: {
            anyOf: [
              {
                type: 'object',
                properties: { birthDate: { type: 'string', format: 'date', description: 'Past' } },
                required: ['birthDate'],
              },
              marker,
            ],
          },
        },
      }),
    ).toEqual([
      '| `person` | no | object with the fields below, or `{"redacted":true,"reason":"erased"}` |',
      '| `person.birthDate` | yes | date `YYYY-MM-DD`. Past |',
    ]);
  });

  it('says so when a type has no fields', () => {
    expect(fieldTable({ type: 'object', properties: {} })).toBe('_No fields._\n');
  });
});
