import { Injectable } from '@nestjs/common';
import { KeyVault, type Redacted } from '@samenloop/privacy';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import type { IdentityShown } from './viewer-agreements';

export type DisplayName = string | { restricted: true };

interface SealedPerson {
  givenName: string;
  familyName: string;
}

const RESTRICTED = { restricted: true } as const;

/**
 * Clients' names, opened from the sealed person per request for the clients the viewer may be
 * shown (`ViewerAgreements.identityShownTo`); never stored in the clear. Erased clients (their key
 * destroyed) show as restricted.
 */
@Injectable()
export class DisplayNames {
  constructor(private readonly vault: KeyVault) {}

  async of(
    rows: readonly Pick<CaseloadClientEntity, 'clientId' | 'personSealed' | 'unconfirmed'>[],
    shown: IdentityShown,
  ): Promise<Map<string, DisplayName>> {
    const named = rows.flatMap((row) =>
      shown(row) && row.personSealed !== null ? [{ ...row, personSealed: row.personSealed }] : [],
    );
    // One read of the keys for the page, not one per row.
    const keys = await this.vault.keyRing(named.map(({ clientId }) => clientId));
    const names = new Map<string, DisplayName>(rows.map(({ clientId }) => [clientId, RESTRICTED]));
    for (const { clientId, personSealed } of named) {
      const person = await keys.decrypt<SealedPerson>(clientId, personSealed);
      if (!isRedacted(person)) names.set(clientId, `${person.givenName} ${person.familyName}`);
    }
    return names;
  }
}

function isRedacted(value: SealedPerson | Redacted): value is Redacted {
  return 'redacted' in value;
}
