import { hostname, userInfo } from 'node:os';
import { ClientErasure, ClientLocator, ClientReplay, SubjectExport } from '@samenloop/audit';
import { AccessLog, KeyVault, SystemClock, type AccessLogEntry } from '@samenloop/privacy';
import { EventStore, KurrentDbEventStore, PostgresEventStore } from '@samenloop/event-store';
import {
  connectDatabase,
  loadConfig,
  loadHubSecrets,
  type DatabaseConnection,
} from '@samenloop/platform';
import { BsnIndex, ClientReferenceRegistry } from '@samenloop/sharing';

/** Who runs the command, for the access log: --user, SAMENLOOP_AUDIT_USER, or the login name. */
export interface CliAuditor {
  user: string;
  command: string;
}

/**
 * The audit services on the hub's database, without the hub: the command line reaches the
 * embedded PostgreSQL of a running hub (or DATABASE_URL) and the hub's keys (SAMENLOOP_* or
 * DATA_DIR/secrets.json), and logs its own reads as the hub does.
 */
export class AuditSession {
  private constructor(
    readonly db: DatabaseConnection,
    readonly store: EventStore,
    readonly accessLog: AccessLog,
    readonly locator: ClientLocator,
    readonly replays: ClientReplay,
    readonly exports: SubjectExport,
    readonly erasure: ClientErasure,
  ) {}

  static async open(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<AuditSession> {
    const db = await openDatabase(env, log);
    try {
      const config = loadConfig(env);
      const secrets = await loadHubSecrets(config);
      const store: EventStore =
        config.EVENT_STORE === 'kurrentdb'
          ? new KurrentDbEventStore(config.KURRENTDB_URL!)
          : new PostgresEventStore(db.pool);
      const clock = new SystemClock();
      const keyVault = new KeyVault(db.pool, secrets);
      const accessLog = new AccessLog(db.pool, clock);
      return new AuditSession(
        db,
        store,
        accessLog,
        new ClientLocator(new ClientReferenceRegistry(db.pool, secrets), store),
        new ClientReplay(store, keyVault),
        new SubjectExport(store, keyVault, accessLog, clock),
        new ClientErasure(store, keyVault, new BsnIndex(db.pool, secrets), accessLog, clock),
      );
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  /** The access-log entry for one read from the command line. */
  access(
    auditor: CliAuditor,
    read: Pick<AccessLogEntry, 'action' | 'clientId' | 'detail'>,
  ): AccessLogEntry {
    return {
      ...read,
      user: auditor.user,
      accessPoint: `cli: samenloop audit ${auditor.command}`,
      origin: hostname(),
      authorisation: { basis: 'role', reference: 'auditor' },
    };
  }

  async close(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}

export async function openDatabase(
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<DatabaseConnection> {
  return connectDatabase(loadConfig(env), log, { attach: true });
}

export function cliUser(given: string | undefined, env: NodeJS.ProcessEnv): string {
  return given ?? env.SAMENLOOP_AUDIT_USER ?? `cli:${userInfo().username}`;
}
