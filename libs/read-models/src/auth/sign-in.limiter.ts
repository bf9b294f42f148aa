import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ProblemException } from '@samenloop/platform';
import { LessThan, MoreThanOrEqual, type Repository } from 'typeorm';
import { READ_MODELS } from '../database/read-models.data-source';
import { SignInFailureEntity } from './sign-in-failure.entity';

/**
 * Failed password sign-ins allowed per window: few per account (guessing one password), more per
 * address (an office behind one address, or someone trying many accounts). Kept in the database,
 * so every hub instance counts the same failures and a restart forgets none.
 */
export const SIGN_IN_LIMITS = { windowMinutes: 15, perAccount: 5, perSource: 20 } as const;

@Injectable()
export class SignInLimiter {
  constructor(
    @InjectRepository(SignInFailureEntity, READ_MODELS)
    private readonly failures: Repository<SignInFailureEntity>,
  ) {}

  /** A 429 problem, with Retry-After, when the account or the address failed too often lately. */
  async check(username: string, source: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
    const recent = { failedAt: MoreThanOrEqual(windowStart) };
    const [byAccount, bySource] = await Promise.all([
      this.failures.find({
        where: { username: username.toLowerCase(), ...recent },
        order: { failedAt: 'DESC' },
        take: SIGN_IN_LIMITS.perAccount,
      }),
      this.failures.find({
        where: { source, ...recent },
        order: { failedAt: 'DESC' },
        take: SIGN_IN_LIMITS.perSource,
      }),
    ]);
    const blocking = [
      byAccount.length >= SIGN_IN_LIMITS.perAccount ? byAccount[byAccount.length - 1] : undefined,
      bySource.length >= SIGN_IN_LIMITS.perSource ? bySource[bySource.length - 1] : undefined,
    ].filter((failure): failure is SignInFailureEntity => failure !== undefined);
    if (blocking.length === 0) return;
    // Free again once the oldest failure that counts leaves the window.
    const freeAt =
      Math.max(...blocking.map(({ failedAt }) => failedAt.getTime())) +
      SIGN_IN_LIMITS.windowMinutes * 60_000;
    const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
    throw new ProblemException({
      status: 429,
      type: 'too-many-sign-in-attempts',
      title: 'Too many failed sign-ins',
      detail: `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minute(s)`,
      headers: { 'retry-after': String(retryAfter) },
    });
  }

  async recordFailure(username: string, source: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
    await this.failures.delete({ failedAt: LessThan(windowStart) });
    await this.failures.insert({ username: username.toLowerCase(), source, failedAt: now });
  }

  async clear(username: string): Promise<void> {
    await this.failures.delete({ username: username.toLowerCase() });
  }
}
