import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { Role } from '../dashboard/dashboard.contract';
import { READ_MODELS } from '../database/read-models.data-source';
import { AccountEntity } from './account.entity';
import { hashPassword, verifyPassword } from './password.hasher';

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
  /** Verified against when the account does not exist, so that timing does not tell. */
  private readonly decoy = hashPassword('not a password');

  constructor(
    @InjectRepository(AccountEntity, READ_MODELS)
    private readonly accounts: Repository<AccountEntity>,
  ) {}

  async create(account: NewAccount): Promise<void> {
    await this.accounts.insert(await this.rowOf(account));
  }

  /**
   * Creates the accounts if there are none yet (the demo's first start); true when it did. Under
   * a lock, so that processes starting together create them once.
   */
  async createAllIfNone(accounts: readonly NewAccount[]): Promise<boolean> {
    const rows = await Promise.all(accounts.map((account) => this.rowOf(account)));
    return this.accounts.manager.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        'samenloop:dashboard-accounts',
      ]);
      if ((await manager.count(AccountEntity)) > 0) return false;
      await manager.insert(AccountEntity, rows);
      return true;
    });
  }

  /** The account, when the password is its own. */
  private async rowOf({
    username,
    displayName,
    role,
    partnerId,
    password,
  }: NewAccount): Promise<AccountEntity> {
    if ((role === 'case-lead') !== (partnerId !== undefined)) {
      throw new Error('a case lead, and only a case lead, works for a partner');
    }
    return {
      username: username.toLowerCase(),
      displayName,
      role,
      partnerId: partnerId ?? null,
      passwordHash: await hashPassword(password),
      createdAt: new Date(),
    };
  }

  async verify(username: string, password: string): Promise<AccountEntity | undefined> {
    const account = await this.accounts.findOneBy({ username: username.toLowerCase() });
    const valid = await verifyPassword(password, account?.passwordHash ?? (await this.decoy));
    return account && valid ? account : undefined;
  }
}
