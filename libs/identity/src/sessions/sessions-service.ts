import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, type Repository } from 'typeorm';
import { IDENTITY } from '../identity-data-source';
import type { Role } from '@samenloop/contracts';
import { SessionEntity } from './session.entity';

/** A working day; the dashboard signs in again the next morning. */
export const SESSION_HOURS = 10;

export interface SessionHolder {
  username: string;
  displayName: string;
  role: Role;
  partnerId?: string;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque random session tokens; the database keeps only their hashes. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity, IDENTITY)
    private readonly sessions: Repository<SessionEntity>,
  ) {}

  /** Opens a session; returns its token (for the cookie) and lifetime in seconds. */
  async open(holder: SessionHolder, now: Date): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = randomBytes(32).toString('base64url');
    const maxAgeSeconds = SESSION_HOURS * 3600;
    await this.sessions.delete({ expiresAt: LessThan(now) });
    await this.sessions.insert({
      tokenHash: hashOf(token),
      username: holder.username,
      displayName: holder.displayName,
      role: holder.role,
      partnerId: holder.partnerId ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
    });
    return { token, maxAgeSeconds };
  }

  find(token: string, now: Date): Promise<SessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash: hashOf(token), expiresAt: MoreThan(now) });
  }

  async close(token: string): Promise<void> {
    await this.sessions.delete({ tokenHash: hashOf(token) });
  }
}
