import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@samenloop/platform';
import { Client } from 'pg';
import { BuiltProcess, waitForStatus } from '../../support/built-hub';
import { PostgresProcess } from './postgres-process';

/**
 * A PostgreSQL cluster of the test's own (so that the test may stop and start it) with one database
 * per hub. Each hub is the built app as operators run it, on a fixed port so that partners keep
 * their address across restarts.
 */
export class PilotCluster {
  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private server: PostgresProcess | undefined,
  ) {}

  static async start(): Promise<PilotCluster> {
    const dataDir = await mkdtemp(join(tmpdir(), 'samenloop-resilience-'));
    const port = await findFreePort();
    return new PilotCluster(dataDir, port, await PostgresProcess.start(dataDir, port));
  }

  get url(): string {
    if (!this.server) throw new Error('the cluster is stopped');
    return this.server.url;
  }

  async stopServer(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async startServer(): Promise<void> {
    this.server ??= await PostgresProcess.start(this.dataDir, this.port);
  }

  async newHub(env: Record<string, string> = {}): Promise<PilotHub> {
    const name = `resilience_${randomBytes(4).toString('hex')}`;
    await this.query(this.url, `CREATE DATABASE ${name}`);
    const database = new URL(this.url);
    database.pathname = `/${name}`;
    const dataDir = await mkdtemp(join(this.dataDir, 'hub-'));
    return new PilotHub(database.toString(), dataDir, await findFreePort(), env);
  }

  async dispose(): Promise<void> {
    await this.stopServer();
    await rm(this.dataDir, { recursive: true, force: true });
  }

  private async query(url: string, sql: string): Promise<void> {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  }
}

export class PilotHub {
  readonly adminToken = `slp_admin_${randomBytes(24).toString('base64url')}`;
  readonly baseUrl: string;
  private process?: BuiltProcess;
  private readonly exits: string[] = [];

  constructor(
    readonly databaseUrl: string,
    private readonly dataDir: string,
    port: number,
    private readonly extraEnv: Record<string, string> = {},
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const hub = BuiltProcess.start('hub', {
      DATABASE_URL: this.databaseUrl,
      DATA_DIR: this.dataDir,
      PORT: new URL(this.baseUrl).port,
      HOST: '127.0.0.1',
      SAMENLOOP_ADMIN_TOKEN: this.adminToken,
      DEMO_PARTNERS: 'off',
      RATE_LIMIT_PER_SECOND: '0',
      BSN_SIGNALS_PER_MINUTE: '100000',
      // The webhook receiver listens on plain http at 127.0.0.1.
      WEBHOOK_ALLOW_LOOPBACK_HTTP: 'on',
      LOG_LEVEL: 'warn',
      ...this.extraEnv,
    });
    this.process = hub;
    void hub.exit.then(({ code, signal, stderr }) =>
      this.exits.push(`exit ${code ?? signal}: ${stderr.slice(-2_000)}`),
    );
    await waitForStatus(`${this.baseUrl}/health/ready`, 200, 60_000);
  }

  /** `kill -9`: no shutdown hook runs, whatever was in flight is cut off. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
    this.process = undefined;
  }

  async stop(): Promise<void> {
    await this.process?.stop('SIGTERM');
    this.process = undefined;
  }

  /** What the hub's earlier processes printed when they ended: shown when a test fails. */
  get history(): readonly string[] {
    return this.exits;
  }

  async query<T extends object>(sql: string, values: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }
}
