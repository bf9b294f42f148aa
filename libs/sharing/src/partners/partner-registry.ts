import { Injectable } from '@nestjs/common';
import {
  isReservedPartnerId,
  PARTNER_ID_PATTERN,
  PARTNER_KINDS,
  type PartnerKind,
} from '@samenloop/domain';
import { Pool } from 'pg';
import { generateBearerToken, hashBearerToken } from './bearer-token';
import type { Partner } from './partner';
import { InvalidPartnerError, PartnerExistsError, UnknownPartnerError } from './partner.errors';

/** Selects a partner as its `Partner` fields. */
const COLUMNS = 'id, kind, name, created_at AS "createdAt", token_issued_at AS "tokenIssuedAt"';

/** The partners that may publish and receive, with their bearer tokens stored only as hashes. */
@Injectable()
export class PartnerRegistry {
  private changes = 0;

  constructor(private readonly pool: Pool) {}

  /** Moves on whenever this process adds or revokes a partner, for caches of the list. */
  get revision(): number {
    return this.changes;
  }

  async add(input: {
    id: string;
    kind: string;
    name: string;
  }): Promise<{ partner: Partner; token: string }> {
    const { id, kind, name } = validPartner(input);
    const token = generateBearerToken('slp');
    const now = new Date();
    const result = await this.pool.query<Partner>(
      `INSERT INTO partners (id, kind, name, token_hash, token_issued_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (id) DO NOTHING
       RETURNING ${COLUMNS}`,
      [id, kind, name, hashBearerToken(token), now],
    );
    const row = result.rows[0];
    if (!row) throw new PartnerExistsError(id);
    this.changes++;
    return { partner: row, token };
  }

  /** A new token; the old one stops working at once. */
  async rotate(id: string): Promise<string> {
    const token = generateBearerToken('slp');
    const result = await this.pool.query(
      `UPDATE partners SET token_hash = $2, token_issued_at = now()
       WHERE id = $1 AND revoked_at IS NULL`,
      [id, hashBearerToken(token)],
    );
    if (result.rowCount === 0) throw new UnknownPartnerError(id);
    return token;
  }

  /** The partner keeps its history but can no longer authenticate; its id is never reused. */
  async revoke(id: string): Promise<void> {
    const result = await this.pool.query(
      'UPDATE partners SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
    if (result.rowCount === 0) throw new UnknownPartnerError(id);
    this.changes++;
  }

  async list(): Promise<Partner[]> {
    const result = await this.pool.query<Partner>(
      `SELECT ${COLUMNS} FROM partners WHERE revoked_at IS NULL ORDER BY id`,
    );
    return result.rows;
  }

  async find(id: string): Promise<Partner | undefined> {
    const result = await this.pool.query<Partner>(
      `SELECT ${COLUMNS} FROM partners WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return result.rows[0];
  }

  /**
   * Concurrent authentications share one query. A lookup waits for the next query to start and
   * never joins one already running, so a token rotated or revoked before the request arrived is
   * refused exactly as with a query of its own.
   */
  authenticate(token: string): Promise<Partner | undefined> {
    return new Promise((resolve, reject) => {
      this.lookups.push({ hash: hashBearerToken(token), resolve, reject });
      if (!this.lookingUp) {
        this.lookingUp = true;
        setImmediate(() => void this.lookUp());
      }
    });
  }

  private lookups: Lookup[] = [];
  private lookingUp = false;

  private async lookUp(): Promise<void> {
    while (this.lookups.length > 0) {
      const batch = this.lookups.splice(0, MAX_LOOKUPS);
      try {
        const { rows } = await this.pool.query<Partner & { token_hash: string }>({
          name: 'sharing-authenticate',
          text: `SELECT ${COLUMNS}, token_hash FROM partners
                 WHERE token_hash = ANY($1) AND revoked_at IS NULL`,
          values: [[...new Set(batch.map(({ hash }) => hash))]],
        });
        const partners = new Map(rows.map(({ token_hash, ...partner }) => [token_hash, partner]));
        for (const { hash, resolve } of batch) resolve(partners.get(hash));
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    this.lookingUp = false;
  }
}

interface Lookup {
  hash: string;
  resolve: (partner: Partner | undefined) => void;
  reject: (error: unknown) => void;
}

/** Most tokens looked up in one query. */
const MAX_LOOKUPS = 500;

function validPartner(input: { id: string; kind: string; name: string }): {
  id: string;
  kind: PartnerKind;
  name: string;
} {
  if (typeof input.id !== 'string' || !PARTNER_ID_PATTERN.test(input.id)) {
    throw new InvalidPartnerError(
      'id',
      'id must be 1-64 lower-case letters, digits or dashes, starting and ending with a letter or digit',
    );
  }
  if (isReservedPartnerId(input.id)) {
    throw new InvalidPartnerError('id', `id ${input.id} is reserved for the hub`);
  }
  if (!PARTNER_KINDS.includes(input.kind as PartnerKind)) {
    throw new InvalidPartnerError('kind', `kind must be one of ${PARTNER_KINDS.join(', ')}`);
  }
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length === 0 || name.length > 200) {
    throw new InvalidPartnerError('name', 'name must be 1-200 characters');
  }
  return { id: input.id, kind: input.kind as PartnerKind, name };
}
