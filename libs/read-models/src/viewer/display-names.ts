import { Injectable } from '@nestjs/common';
import { KeyVault, type Redacted } from '@samenloop/audit';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';

export type DisplayName = string | { restricted: true };

interface SealedPerson {
  givenName: string;
  familyName: string;
}

const RESTRICTED = { restricted: true } as const;

/**
 * Clients' names, opened from the sealed person per request for viewers whose agreement names
 * `identity`; never stored in the clear. Erased clients (their key destroyed) show as restricted.
 */
@Injectable()
export class DisplayNames {
  constructor(private readonly vault: KeyVault) {}

  async of(
    rows: readonly Pick<CaseloadClientEntity, 'clientId' | 'personSealed'>[],
    identityAllowed: boolean,
  ): Promise<Map<string, DisplayName>> {
    const names = await Promise.all(
      rows.map(async ({ clientId, personSealed }): Promise<[string, DisplayName]> => {
        if (!identityAllowed || personSealed === null) return [clientId, RESTRICTED];
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
