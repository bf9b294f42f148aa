import { Injectable } from '@nestjs/common';
import { KeyVault, REDACTED } from '@samenloop/audit';
import type { Identity } from '@samenloop/contracts';
import { clientStream } from '@samenloop/domain';
import { EventStore } from '@samenloop/event-store';

/**
 * The person of a stored enrolment, decrypted at the moment of delivery: the feed keeps no clear
 * personal data, and once the client's key is destroyed every delivery shows the redaction marker.
 */
@Injectable()
export class IdentityResolver {
  constructor(
    private readonly store: EventStore,
    private readonly keyVault: KeyVault,
  ) {}

  async identity(clientId: string, revision: number, fields: readonly string[]): Promise<Identity> {
    const [stored] = await this.store.readStream(clientStream(clientId), {
      from: revision,
      limit: 1,
    });
    const sealed = (stored?.data as { person?: { sealed?: string } } | undefined)?.person?.sealed;
    if (stored?.revision !== revision || sealed === undefined) {
      throw new Error(`client ${clientId} has no sealed person at revision ${revision}`);
    }
    const person = await this.keyVault.decrypt<Record<string, unknown>>(clientId, sealed);
    if (person === REDACTED) return REDACTED;
    const clear = person as Record<string, unknown>;
    return Object.fromEntries(
      fields.filter((field) => clear[field] !== undefined).map((field) => [field, clear[field]]),
    ) as Identity;
  }
}
