import { Type, type Static } from '@sinclair/typebox';
import { DATA_CATEGORIES, PARTNER_ID_PATTERN, PARTNER_KINDS } from '@samenloop/domain';

// A plain `enum` rather than TypeBox's union of literals: Ajv then reports one error
// ("must be one of ...") instead of one per literal.
const oneOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const IDENTITY_ON_MATCH = ['immediate', 'after-confirmation'] as const;
export type IdentityOnMatch = (typeof IDENTITY_ON_MATCH)[number];

/** Either every partner of a kind or one partner by id; a partner entry overrides its kind's. */
const ReceiverSchema = Type.Object(
  {
    kind: Type.Optional(oneOf(PARTNER_KINDS)),
    partner: Type.Optional(Type.String({ pattern: PARTNER_ID_PATTERN.source })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);

const AgreementEntrySchema = Type.Object(
  {
    receiver: ReceiverSchema,
    // May be empty: a partner entry with no categories shuts one partner out of its kind's terms.
    categories: Type.Array(oneOf(DATA_CATEGORIES), { uniqueItems: true }),
    legalBasis: Type.String({ minLength: 1 }),
    purpose: Type.String({ minLength: 1 }),
    /**
     * When a partner that matched a client on its BSN signal learns who the client is: at once
     * (the default), or once the enrolling municipality confirmed the match (`involvement-confirmed`).
     */
    identityOnMatch: Type.Optional(oneOf(IDENTITY_ON_MATCH)),
  },
  { additionalProperties: false },
);

/** The data-sharing agreements file (`SHARING_CONFIG`, by default `config/sharing.yaml`). */
export const SharingAgreementFileSchema = Type.Object(
  {
    version: Type.String({ minLength: 1 }),
    agreements: Type.Array(AgreementEntrySchema),
  },
  { additionalProperties: false },
);

export type SharingAgreementFile = Static<typeof SharingAgreementFileSchema>;
