import {
  agreementsWaitingFor,
  type AgreementsFile,
  createTestDatabase,
  type TestDatabase,
} from '@samenloop/testing';
import { BuiltProcess } from './built-hub';

/**
 * The built hub on a test database of its own, without demo partners, under the shipped
 * agreements plus one partner's whose identity waits for the municipality's confirmation of a
 * match on its BSN signal.
 */
export class HubWaitingFor {
  private constructor(
    readonly db: TestDatabase,
    readonly url: string,
    private readonly hub: BuiltProcess,
    private readonly agreements: AgreementsFile,
  ) {}

  static async start(partnerId: string, env: Record<string, string>): Promise<HubWaitingFor> {
    const db = await createTestDatabase();
    const agreements = await agreementsWaitingFor(partnerId);
    const hub = BuiltProcess.startHub(db.url, {
      DEMO_PARTNERS: 'off',
      SHARING_CONFIG: agreements.file,
      ...env,
    });
    try {
      return new HubWaitingFor(db, await hub.ready(), hub, agreements);
    } catch (error) {
      await new HubWaitingFor(db, '', hub, agreements).stop();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.hub.stop('SIGKILL');
    await this.db.drop();
    await this.agreements.remove();
  }
}
