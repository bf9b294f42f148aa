import { Injectable } from '@nestjs/common';
import { type Decrypter, REDACTED } from '@samenloop/privacy';
import type { Identity } from '@samenloop/contracts';
import { clientStream } from '@samenloop/domain';
import { EventStore } from '@samenloop/event-store';
import { sealedPersonOf } from './identity-fields.policy';

/** Where a feed row's person is: its enrolment, and its seal where the row kept it. */
export interface PersonAt {
  clientId: string;
  revision: number;
  /** The person as sealed in the enrolment; null in rows written before the feed kept it. */
  sealed: string | null;
}

/**
 * The person of a stored enrolment, decrypted at the moment of delivery: the feed keeps no clear
 * personal data, and once the client's key is destroyed every delivery shows the redaction marker.
 */
@Injectable()
export class IdentityResolver {
  constructor(private readonly store: EventStore) {}

  /** `keys` opens the client's data: the key vault, or a key ring read for a page of entries. */
  async identity(at: PersonAt, fields: readonly string[], keys: Decrypter): Promise<Identity> {
    const sealed = at.sealed ?? (await this.storedSeal(at));
    const person = await keys.decrypt<Record<string, unknown>>(at.clientId, sealed);
    if (person === REDACTED) return REDACTED;
    const clear = person as Record<string, unknown>;
    return Object.fromEntries(
      fields.filter((field) => clear[field] !== undefined).map((field) => [field, clear[field]]),
    ) as Identity;
  }

  private async storedSeal({ clientId, revision }: PersonAt): Promise<string> {
    const [stored] = await this.store.readStream(clientStream(clientId), {
      from: revision,
      limit: 1,
    });
    const sealed = sealedPersonOf(stored?.data);
    if (stored?.revision !== revision || sealed === undefined) {
      throw new Error(`client ${clientId} has no sealed person at revision ${revision}`);
    }
    return sealed;
  }
}
