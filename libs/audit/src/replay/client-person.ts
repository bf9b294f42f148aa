import type { Redacted } from '@samenloop/privacy';

/** The person as the enrolling municipality sent it, decrypted with the client's key. */
export interface ClientPerson {
  givenName: string;
  familyName: string;
  birthDate: string;
  bsn?: string;
}

/** The person, the redaction marker once erased, or null before the client was enrolled. */
export type PersonView = ClientPerson | Redacted | null;
