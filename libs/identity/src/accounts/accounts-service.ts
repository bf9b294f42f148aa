import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Role } from '@samenloop/contracts';
import { IDENTITY } from '../identity-data-source';
import { AccountEntity } from './account.entity';
import { DECOY_HASH, hashPassword, needsRehash, verifyPassword } from './password-hasher';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  partnerId?: string;
  password: string;
}

/** Local accounts; usernames compare without regard to case. */
@Injectable()
export class AccountsService {
  constructor(
    @InjectRepository(AccountEntity, IDENTITY)
    private readonly accounts: Repository<AccountEntity>,
  ) {}

  async create(account: NewAccount): Promise<void> {
    await this.accounts.insert(this.rowOf(account, await hashPassword(account.password)));
  }

  /**
   * Creates the accounts if there are none yet (the demo's first start); true when it did. Under
   * a lock, so that processes starting together create them once. Each hash costs 128 MiB and a
   * tenth of a second or more: none is made when accounts exist, one per distinct password else.
   */
  async createAllIfNone(accounts: readonly NewAccount[]): Promise<boolean> {
    if ((await this.accounts.count()) > 0) return false;
    const hashes = new Map<string, Promise<string>>();
    const hashOnce = (password: string) =>
      hashes.get(password) ?? hashes.set(password, hashPassword(password)).get(password)!;
    const rows = await Promise.all(
      accounts.map(async (account) => this.rowOf(account, await hashOnce(account.password))),
    );
    return this.accounts.manager.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        'samenloop:dashboard-accounts',
      ]);
      if ((await manager.count(AccountEntity)) > 0) return false;
      await manager.insert(AccountEntity, rows);
      return true;
    });
  }

  private rowOf(
    { username, displayName, role, partnerId }: NewAccount,
    passwordHash: string,
  ): AccountEntity {
    if ((role === 'case-lead') !== (partnerId !== undefined)) {
      throw new Error('a case lead, and only a case lead, works for a partner');
    }
    return {
      username: username.toLowerCase(),
      displayName,
      role,
      partnerId: partnerId ?? null,
      passwordHash,
      createdAt: new Date(),
    };
  }

  /**
   * The account, when the password is its own. An unknown account is checked against a decoy
   * hash, so that timing does not tell it apart; a hash of an older, cheaper cost is replaced.
   */
  async verify(username: string, password: string): Promise<AccountEntity | undefined> {
    const account = await this.accounts.findOneBy({ username: username.toLowerCase() });
    const valid = await verifyPassword(password, account?.passwordHash ?? DECOY_HASH);
    if (!account || !valid) return undefined;
    if (needsRehash(account.passwordHash)) {
      account.passwordHash = await hashPassword(password);
      await this.accounts.update(
        { username: account.username },
        { passwordHash: account.passwordHash },
      );
    }
    return account;
  }
}
