import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { HubSecrets } from '@samenloop/platform';
import { Pool, type PoolClient } from 'pg';
import { open, seal } from './envelope-cipher';

import { REDACTED, type Redacted } from './redacted';

export { REDACTED, type Redacted } from './redacted';

/**
 * Each client's personal data is encrypted with a data key of its own, stored wrapped by the
 * hub's master key. Destroying the key erases the person from every copy of every event
 * (crypto-shredding), while the events themselves stay untouched for the audit chain.
 */
@Injectable()
export class KeyVault implements Decrypter {
  constructor(
    private readonly pool: Pool,
    private readonly secrets: HubSecrets,
  ) {}

  async encrypt(clientId: string, value: unknown): Promise<string> {
    const key = await this.dataKey(clientId, { create: true });
    if (!key) throw new ClientErasedError(clientId);
    return sealWith(key, clientId, value);
  }

  /**
   * Seals with the client's data key: the one the vault holds, or a new one (`newKey`) when it
   * holds none yet, which {@link storeIn} must store in the transaction that stores what it sealed.
   * Throws {@link ClientErasedError} once the key was destroyed.
   */
  async sealerFor(clientId: string): Promise<DataKeySealer> {
    const result = await this.pool.query<{ wrapped_key: string | null }>({
      name: 'key-vault-sealer-for',
      text: 'SELECT wrapped_key FROM client_keys WHERE client_id = $1',
      values: [clientId],
    });
    const [row] = result.rows;
    if (!row) {
      const newKey = this.newDataKey(clientId);
      return { seal: newKey.seal, newKey };
    }
    const key = this.unwrap(clientId, row.wrapped_key);
    if (!key) throw new ClientErasedError(clientId);
    return { seal: (value) => sealWith(key, clientId, value) };
  }

  /** Stores new data keys (in the caller's transaction, on its `connection`); a client's first key stays. */
  async storeIn(connection: Pool | PoolClient, keys: readonly NewDataKey[]): Promise<void> {
    if (keys.length === 0) return;
    await connection.query({
      name: 'key-vault-store-in',
      text: `INSERT INTO client_keys (client_id, wrapped_key)
             SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING`,
      values: [keys.map(({ clientId }) => clientId), keys.map(({ wrappedKey }) => wrappedKey)],
    });
  }

  /** The value, or {@link REDACTED} once the client's key was destroyed. */
  async decrypt<T>(clientId: string, sealed: string): Promise<T | Redacted> {
    return opened(await this.dataKey(clientId, { create: false }), clientId, sealed);
  }

  /**
   * The data keys of these clients, read in one query: a reader opening the values of many
   * clients at once (a page of deliveries) then needs no round trip per value.
   */
  async keyRing(clientIds: Iterable<string>): Promise<KeyRing> {
    const wanted = [...new Set(clientIds)];
    const keys = new Map<string, Buffer | undefined>(wanted.map((id) => [id, undefined]));
    if (wanted.length > 0) {
      const { rows } = await this.pool.query<{ client_id: string; wrapped_key: string | null }>(
        `SELECT wanted.id AS client_id, client_keys.wrapped_key
         FROM unnest($1::text[]) AS wanted (id)
         JOIN client_keys ON client_keys.client_id = wanted.id::uuid`,
        [wanted],
      );
      for (const { client_id, wrapped_key } of rows) {
        keys.set(client_id, this.unwrap(client_id, wrapped_key));
      }
    }
    return new KeyRing(keys);
  }

  async destroy(clientId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO client_keys (client_id, wrapped_key, destroyed_at) VALUES ($1, NULL, now())
       ON CONFLICT (client_id) DO UPDATE SET wrapped_key = NULL, destroyed_at = COALESCE(client_keys.destroyed_at, now())`,
      [clientId],
    );
  }

  private newDataKey(clientId: string): NewDataKey {
    const key = randomBytes(32);
    return {
      clientId,
      wrappedKey: seal(this.secrets.masterKey, key, `key:${clientId}`),
      seal: (value) => sealWith(key, clientId, value),
    };
  }

  private async dataKey(
    clientId: string,
    options: { create: boolean },
  ): Promise<Buffer | undefined> {
    if (options.create) await this.storeIn(this.pool, [this.newDataKey(clientId)]);
    const result = await this.pool.query<{ wrapped_key: string | null }>(
      'SELECT wrapped_key FROM client_keys WHERE client_id = $1',
      [clientId],
    );
    return this.unwrap(clientId, result.rows[0]?.wrapped_key);
  }

  private unwrap(clientId: string, wrapped: string | null | undefined): Buffer | undefined {
    return wrapped ? open(this.secrets.masterKey, wrapped, `key:${clientId}`) : undefined;
  }
}

/** Opens what was sealed with a client's data key: the key vault, or a key ring read from it. */
export interface Decrypter {
  decrypt<T>(clientId: string, sealed: string): Promise<T | Redacted>;
}

/** The data keys of some clients, read at once; see {@link KeyVault.keyRing}. */
export class KeyRing implements Decrypter {
  constructor(private readonly keys: ReadonlyMap<string, Buffer | undefined>) {}

  /** As {@link KeyVault.decrypt}, for the clients the ring was read for. */
  async decrypt<T>(clientId: string, sealed: string): Promise<T | Redacted> {
    if (!this.keys.has(clientId)) {
      throw new Error(`the key ring was not read for client ${clientId}`);
    }
    return opened(this.keys.get(clientId), clientId, sealed);
  }
}

/** The sealed value opened with the client's key; redacted when the key is gone. */
function opened<T>(key: Buffer | undefined, clientId: string, sealed: string): T | Redacted {
  return key ? (JSON.parse(open(key, sealed, clientId).toString('utf8')) as T) : REDACTED;
}

export class ClientErasedError extends Error {
  override readonly name = 'ClientErasedError';
  constructor(readonly clientId: string) {
    super(`client ${clientId} was erased; its data key no longer exists`);
  }
}

function sealWith(key: Buffer, clientId: string, value: unknown): string {
  return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), clientId);
}

/** Seals values with a client's data key. */
export interface DataKeySealer {
  seal(value: unknown): string;
  /** The key, when it is new: to be stored with what it sealed. */
  newKey?: NewDataKey;
}

/** A client's new data key: seals now, stored by {@link KeyVault.storeIn}. */
export interface NewDataKey {
  clientId: string;
  wrappedKey: string;
  seal(value: unknown): string;
}
