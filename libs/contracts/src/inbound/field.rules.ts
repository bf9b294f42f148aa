import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  HIGHEST_RUNG,
  isValidBsn,
  isZrmScore,
  LOWEST_RUNG,
  PARTNER_ID_PATTERN,
  ZRM_SCORES,
} from '@samenloop/domain';
import { isCalendarDate, RFC_3339, rfc3339Millis } from './calendar-util';

// Property decorators composed from class-validator's, so that each field has one rule with its
// bounds in one place. The validator stops at a field's first failure, and class-validator checks
// rules in the order they are registered: `all` registers them in the order written, so the type
// check comes first and the message names the real problem.

type Rule = PropertyDecorator;

function all(...rules: Rule[]): Rule {
  return (target, key) => rules.forEach((rule) => rule(target, key));
}

// Control characters (C0, DEL, C1) could forge log lines or hide text; no field needs them.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

// Notes and reasons may run over several lines; other control characters have no place in text.
const NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

function text(min: number, max: number, allowed = NO_CONTROL_CHARACTERS, each = false): Rule {
  return all(
    IsString({ each }),
    Length(min, max, { each }),
    Matches(allowed, {
      each,
      message: `${each ? 'each value in ' : ''}$property must not contain control characters`,
    }),
  );
}

/**
 * Applies the field's other rules only when it is present. Unlike `@IsOptional()` it does not let
 * `null` through: a field is either absent or valid.
 */
export const Optional = (): Rule => ValidateIf((_object, value) => value !== undefined);

/** A partner's reference for a client: the CloudEvent `subject` or a linked reference. */
export const IsReference = (): Rule => text(1, 200);

/** Opaque ids chosen by the sender: CloudEvent ids, actors, goal and referral ids. */
export const IsIdentifier = (): Rule => text(1, 128);

export const IsName = (): Rule => text(1, 200);

/** Vocabulary codes the decider checks against configured sets: life areas, instruments. */
export const IsCode = (each = false): Rule => text(1, 64, NO_CONTROL_CHARACTERS, each);

/** Reasons, notes and descriptions. */
export const IsFreeText = (): Rule => text(1, 4000, NO_CONTROL_CHARACTERS_BUT_LINE_BREAKS);

export const IsPartnerId = (each = false): Rule =>
  Matches(PARTNER_ID_PATTERN, {
    each,
    message: `${each ? 'each value in ' : ''}$property must be a partner id`,
  });

export const IsWholeNumber = (min: number, max: number): Rule => all(IsInt(), Min(min), Max(max));

export const IsRung = (): Rule => IsWholeNumber(LOWEST_RUNG, HIGHEST_RUNG);

/** A list without repeats whose items pass `item`, a rule given `{ each: true }`. */
export const IsSetOf = (item: Rule, minSize = 0): Rule =>
  all(IsArray(), ArrayMinSize(minSize), ArrayUnique(), item);

export const IsUri = (): Rule =>
  all(
    IsString(),
    Length(1, 2048),
    Matches(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, { message: '$property must be an absolute URI' }),
  );

/**
 * The JSON Schema of each rule of our own below, by its name, for the generated schemas
 * (inbound-event.schema.ts). Where a rule checks more than JSON Schema can say, its schema says
 * what it can and its description names the rest.
 */
const ownRuleSchemas = new Map<string, object>();
export const OWN_RULE_SCHEMAS: ReadonlyMap<string, object> = ownRuleSchemas;

function ownRule(
  name: string,
  schema: object,
  validate: (value: unknown) => boolean,
  message: string,
): Rule {
  ownRuleSchemas.set(name, schema);
  return ValidateBy({ name, validator: { validate, defaultMessage: () => message } });
}

const BSN_RULE = ownRule(
  'isBsn',
  {
    type: 'string',
    pattern: '^[0-9]{9}$',
    description: 'A BSN: nine digits that pass the eleven test (the hub checks the test)',
  },
  (value) => typeof value === 'string' && isValidBsn(value),
  // Never echo the value: it is a BSN, or close to one.
  '$property must be nine digits passing the eleven test',
);

export const IsBsn = (): Rule => BSN_RULE;

/** A calendar date `YYYY-MM-DD` that exists (no 31 April). */
const CALENDAR_DATE_RULE = ownRule(
  'isCalendarDate',
  // The format checks that the day exists; the pattern keeps out the years 0-99, as the hub does.
  { type: 'string', format: 'date', pattern: '^(?!00)[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
  (value) => typeof value === 'string' && isCalendarDate(value),
  '$property must be a real date written YYYY-MM-DD',
);

export const IsCalendarDate = (): Rule => CALENDAR_DATE_RULE;

const RFC_3339_RULE = ownRule(
  'isRfc3339',
  { type: 'string', format: 'date-time', pattern: RFC_3339.source },
  (value) => typeof value === 'string' && rfc3339Millis(value) !== undefined,
  '$property must be an RFC 3339 timestamp such as 2026-03-01T09:30:00Z',
);

export const IsRfc3339 = (): Rule => RFC_3339_RULE;

const SCORES_RULE = ownRule(
  'isScores',
  {
    type: 'object',
    minProperties: 1,
    propertyNames: { minLength: 1, maxLength: 64 },
    additionalProperties: { type: 'integer', minimum: 1, maximum: ZRM_SCORES.length },
    description: 'Life-area code to score 1-5; the codes come from the configured life-area set',
  },
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.entries(value).every(
      ([code, score]) => code.length >= 1 && code.length <= 64 && isZrmScore(score),
    ),
  '$property must map one or more life areas to a score 1-5',
);

/** Which life areas exist is the configured set's business (the decider); here only the shape. */
export const IsScores = (): Rule => SCORES_RULE;

export const NestedObject = (dto: () => new () => object): Rule =>
  all(IsObject(), ValidateNested(), Type(dto));
