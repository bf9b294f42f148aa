import { randomBytes } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { DEMO_PARTNERS } from '@samenloop/sharing';
import { IdentitySettings } from '../identity.settings';
import { AccountsService, type NewAccount } from './accounts-service';

/**
 * In demo mode (the embedded database, or DEMO_PARTNERS=on, as for the demo partners) the first
 * start creates a case lead per demo partner (`lead@<partner>`), an `auditor` and an `admin`, and
 * prints their passwords this one time: DEMO_ACCOUNT_PASSWORD for all, else one generated each.
 */
@Injectable()
export class DemoAccountsSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly settings: IdentitySettings,
    private readonly accounts: AccountsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const demoMode =
      (this.config.DEMO_PARTNERS ?? (this.config.DATABASE_URL ? 'off' : 'on')) === 'on';
    if (!demoMode) return;
    const configured = this.settings.demoAccountPassword;
    const password = () => configured ?? randomBytes(12).toString('base64url');
    const accounts: NewAccount[] = [
      ...DEMO_PARTNERS.map(({ id, name }) => ({
        username: `lead@${id}`,
        displayName: `Regiehouder ${name}`,
        role: 'case-lead' as const,
        partnerId: id,
        password: password(),
      })),
      { username: 'auditor', displayName: 'Auditor', role: 'auditor', password: password() },
      { username: 'admin', displayName: 'Beheerder', role: 'admin', password: password() },
    ];
    if (!(await this.accounts.createAllIfNone(accounts))) return;
    const lines = configured
      ? [
          'Samenloop dashboard accounts (password: DEMO_ACCOUNT_PASSWORD):',
          ...accounts.map(({ username }) => `  ${username}`),
        ]
      : [
          'Samenloop dashboard accounts, shown this once (only their hashes are stored):',
          ...accounts.map(({ username, password }) => `  ${username.padEnd(29)} ${password}`),
        ];
    process.stdout.write(['', ...lines, ''].join('\n') + '\n');
  }
}
