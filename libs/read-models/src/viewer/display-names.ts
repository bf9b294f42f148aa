import { Injectable } from '@nestjs/common';
import { KeyVault, type Redacted } from '@samenloop/audit';
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
    const names = await Promise.all(
      rows.map(async (row): Promise<[string, DisplayName]> => {
        const { clientId, personSealed } = row;
        if (!shown(row) || personSealed === null) return [clientId, RESTRICTED];
        const person = await this.vault.decrypt<SealedPerson>(clientId, personSealed);
        return [
          clientId,
          isRedacted(person) ? RESTRICTED : `${person.givenName} ${person.familyName}`,
        ];
      }),
    );
    return new Map(names);
  }
}

function isRedacted(value: SealedPerson | Redacted): value is Redacted {
  return 'redacted' in value;
}
