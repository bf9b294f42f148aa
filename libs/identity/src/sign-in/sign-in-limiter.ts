import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ProblemException } from '@samenloop/platform';
import type { Repository } from 'typeorm';
import { IDENTITY } from '../identity-data-source';
import { SignInAttemptsEntity } from './sign-in-attempts.entity';
import { failuresAt, SIGN_IN_DELAYS, waitSeconds, type AttemptKind } from './sign-in-delay';

interface CountRow {
  kind: AttemptKind;
  failures: number;
  last_attempt_at: Date;
}

/**
 * Slows down password guessing per account and per address (SIGN_IN_DELAYS). Counted in the
 * database, so every hub instance counts the same attempts and a restart forgets none.
 */
@Injectable()
export class SignInLimiter {
  constructor(
    @InjectRepository(SignInAttemptsEntity, IDENTITY)
    private readonly attempts: Repository<SignInAttemptsEntity>,
  ) {}

  /**
   * Counts this attempt as a failure before its password is checked, or refuses it with a 429
   * problem and Retry-After while the account or the address must wait. The two rows stay
   * locked from reading to counting, so attempts made at once are admitted one after another:
   * never more than the free failures without their delays.
   */
  async admit(username: string, address: string, now: Date): Promise<void> {
    await this.forgetOld(now);
    await this.attempts.manager.transaction(async (manager) => {
      // Locks the account's row, then the address's: every attempt in this order, so two never
      // wait on each other crosswise.
      const rows = (await manager.query(
        `INSERT INTO dashboard_sign_in_attempts AS a (kind, subject, failures, last_attempt_at)
           VALUES ('account', $1, 0, $3), ('address', $2, 0, $3)
         ON CONFLICT (kind, subject) DO UPDATE SET failures = a.failures
         RETURNING kind, failures, last_attempt_at`,
        [username.toLowerCase(), address, now],
      )) as CountRow[];
      const counts = rows.map((row) => ({
        kind: row.kind,
        failures: row.failures,
        lastAttemptAt: row.last_attempt_at,
      }));
      const wait = Math.max(...counts.map((count) => waitSeconds(count, now)));
      if (wait > 0) throw tooManyAttempts(wait);
      for (const count of counts) {
        await manager.query(
          `UPDATE dashboard_sign_in_attempts SET failures = $3, last_attempt_at = $4
            WHERE kind = $1 AND subject = $2`,
          [
            count.kind,
            count.kind === 'account' ? username.toLowerCase() : address,
            failuresAt(count, now) + 1,
            now,
          ],
        );
      }
    });
  }

  /** The admitted attempt was right: the account starts afresh, the address takes it back. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.attempts.query(
      `DELETE FROM dashboard_sign_in_attempts WHERE kind = 'account' AND subject = $1`,
      [username.toLowerCase()],
    );
    await this.attempts.query(
      `UPDATE dashboard_sign_in_attempts SET failures = greatest(failures - 1, 0)
        WHERE kind = 'address' AND subject = $1`,
      [address],
    );
  }

  /** Rows nobody attempted for long; those locked by an attempt under way are left to it. */
  private async forgetOld(now: Date): Promise<void> {
    const before = new Date(now.getTime() - SIGN_IN_DELAYS.forgetAfterMinutes * 60_000);
    await this.attempts.query(
      `DELETE FROM dashboard_sign_in_attempts WHERE (kind, subject) IN (
         SELECT kind, subject FROM dashboard_sign_in_attempts
          WHERE last_attempt_at < $1 FOR UPDATE SKIP LOCKED)`,
      [before],
    );
  }
}

function tooManyAttempts(retryAfterSeconds: number): ProblemException {
  return new ProblemException({
    status: 429,
    type: 'too-many-sign-in-attempts',
    title: 'Too many failed sign-ins',
    detail: `too many failed sign-ins; try again in ${retryAfterSeconds} second(s)`,
    headers: { 'retry-after': String(retryAfterSeconds) },
  });
}
