import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { AdminCredentials } from './admin-credentials';
import { DemoPartnersSeeder } from './demo-partners-seeder';

/**
 * On the first start, generates the administrator token and (in demo mode) the demo partners, and
 * prints their tokens this one time: the hub keeps only hashes, so they cannot be shown again.
 */
@Injectable()
export class FirstStartAnnouncer implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly admin: AdminCredentials,
    private readonly demo: DemoPartnersSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const adminToken = await this.admin.ensureToken();
    const demoMode =
      (this.config.DEMO_PARTNERS ?? (this.config.DATABASE_URL ? 'off' : 'on')) === 'on';
    const partners = demoMode ? await this.demo.seedIfEmpty() : [];
    const lines = [
      ...(adminToken ? [`  admin (SAMENLOOP_ADMIN_TOKEN)  ${adminToken}`] : []),
      ...partners.map(({ id, token }) => `  ${id.padEnd(29)} ${token}`),
    ];
    if (lines.length === 0) return;
    process.stdout.write(
      ['', 'Samenloop tokens, shown this once (only their hashes are stored):', ...lines, ''].join(
        '\n',
      ) + '\n',
    );
  }
}
