/** What a reader sees where erased personal data used to be. */
export const REDACTED = Object.freeze({ redacted: true as const, reason: 'erased' as const });
export type Redacted = typeof REDACTED;
