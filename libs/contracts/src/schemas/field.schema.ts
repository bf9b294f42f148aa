import { type TSchema, Type } from '@sinclair/typebox';
import { HIGHEST_RUNG, LOWEST_RUNG, PARTNER_ID_PATTERN, ZRM_SCORES } from '@samenloop/domain';

// The bounds are the intake's (field.rules.ts): what the hub accepts is what it hands on.

/**
 * A plain `enum` rather than TypeBox's union of literals: smaller documents, and one validation
 * error ("must be equal to one of the allowed values") instead of one per value.
 */
export const stringEnum = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const Identifier = Type.String({ minLength: 1, maxLength: 128 });
export const Code = Type.String({ minLength: 1, maxLength: 64 });
export const Name = Type.String({ minLength: 1, maxLength: 200 });
export const FreeText = Type.String({ minLength: 1, maxLength: 4000 });
export const PartnerId = Type.String({ pattern: PARTNER_ID_PATTERN.source });

export const Rung = Type.Integer({ minimum: LOWEST_RUNG, maximum: HIGHEST_RUNG });
export const ZrmScore = Type.Integer({ minimum: 1, maximum: ZRM_SCORES.length });

/** A list without repeats. */
export const SetOf = <T extends TSchema>(item: T) => Type.Array(item, { uniqueItems: true });

/** The person as the enrolling municipality sent it, decrypted for this delivery. */
export const Person = Type.Object(
  {
    givenName: Name,
    familyName: Name,
    birthDate: Type.String({ format: 'date' }),
    /** Only for kinds a law allows to use it. */
    bsn: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
  },
  { additionalProperties: false },
);

/** Where the person was once the client's key is destroyed (crypto-shredding). */
export const RedactedPerson = Type.Object(
  { redacted: Type.Literal(true), reason: Type.Literal('erased') },
  { additionalProperties: false },
);

/** Free text about the client, sealed with its key like the person: redacted after erasure. */
export const RedactableText = Type.Union([FreeText, RedactedPerson]);
