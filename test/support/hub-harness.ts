import { randomBytes } from 'node:crypto';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { auditMigrations } from '@samenloop/audit';
import type { PartnerKind } from '@samenloop/domain';
import { EventStore, EventStoreModule, eventStoreMigrations } from '@samenloop/event-store';
import {
  ConfigModule,
  createHttpApp,
  DatabaseModule,
  LoggingModule,
  SecretsModule,
  type Migration,
} from '@samenloop/platform';
import {
  ClientReferenceRegistry,
  PartnerRegistry,
  SharingModule,
  sharingMigrations,
} from '@samenloop/sharing';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';

type ModuleImport = Type<unknown> | DynamicModule;

/** The test hub's METRICS_TOKEN, for /metrics and /health/projections. */
export const METRICS_TOKEN = 'metrics-token-of-the-test-hub';

export interface HubOptions {
  /** The feature modules under test, e.g. IntakeModule. */
  imports: readonly ModuleImport[];
  /** Their migrations; the event store's, sharing's and the key vault's always run first. */
  migrations?: readonly Migration[];
  /** Settings over the test defaults, e.g. `READY_MAX_LAG_EVENTS`. */
  env?: Readonly<Record<string, string>>;
}

export interface TestPartner {
  id: string;
  kind: PartnerKind;
  token: string;
}

export interface HubResponse {
  status: number;
  headers: Headers;
  // Tests read whatever the hub answered; assertions give it its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * The hub as an HTTP server on a database of its own: the platform (config, logging, database,
 * secrets), the event store and sharing, plus the feature modules under test, listening on a free
 * port of 127.0.0.1. Environment variables are set only while the app reads its configuration.
 */
export class HubHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly db: TestDatabase,
    readonly url: string,
  ) {}

  static async start(options: HubOptions): Promise<HubHarness> {
    const db = await createTestDatabase();
    // A spec may list a base migration again; each is applied once, in its first place.
    const migrations = [
      ...new Map(
        [
          ...eventStoreMigrations,
          ...sharingMigrations,
          ...auditMigrations,
          ...(options.migrations ?? []),
        ].map((migration) => [migration.id, migration]),
      ).values(),
    ];
    @Module({
      imports: [
        ConfigModule,
        LoggingModule,
        DatabaseModule.forRoot(migrations),
        SecretsModule,
        EventStoreModule.forRoot(),
        SharingModule,
        ...options.imports,
      ],
    })
    class TestHubModule {}

    let app: NestFastifyApplication | undefined;
    try {
      app = await withEnv({ ...testEnv(db.url), ...options.env }, () =>
        createHttpApp(TestHubModule, { openApi: { title: 'Samenloop hub (test)' } }),
      );
      await app.listen({ port: 0, host: '127.0.0.1' });
    } catch (error) {
      await app?.close();
      await db.drop();
      throw error;
    }
    return new HubHarness(app, db, await app.getUrl());
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.drop();
  }

  /** A new partner of this kind with its bearer token, as the admin API would create it. */
  async partner(kind: PartnerKind, name: string = kind): Promise<TestPartner> {
    const id = `${name}-${randomBytes(4).toString('hex')}`;
    const { token } = await this.app.get(PartnerRegistry).add({ id, kind, name: `Test ${name}` });
    return { id, kind, token };
  }

  /** The hub's client id behind a partner's reference. */
  clientOf(partner: TestPartner, reference: string): Promise<string | undefined> {
    return this.app.get(ClientReferenceRegistry).resolve(partner.id, reference);
  }

  readStream(stream: string) {
    return this.app.get(EventStore).readStream(stream);
  }

  /** Sends `body` (JSON-encoded unless it is a string) as `POST path`. */
  async post(
    path: string,
    body: unknown,
    { token, contentType = 'application/json' }: { token?: string; contentType?: string } = {},
  ): Promise<HubResponse> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  async get(path: string, { token }: { token?: string } = {}): Promise<HubResponse> {
    const response = await fetch(`${this.url}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }
}

function testEnv(databaseUrl: string): Record<string, string> {
  const key = () => randomBytes(32).toString('base64');
  return {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    DEMO_PARTNERS: 'off',
    // Test webhook receivers listen on plain http at 127.0.0.1.
    WEBHOOK_ALLOW_LOOPBACK_HTTP: 'on',
    // Configured, so that the first start generates and prints nothing.
    SAMENLOOP_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
    METRICS_TOKEN,
    SAMENLOOP_MASTER_KEY: key(),
    SAMENLOOP_BSN_HASH_KEY: key(),
    SAMENLOOP_PSEUDONYM_KEY: key(),
  };
}

/** Runs `start` with `env` set, then restores the environment the other tests see. */
async function withEnv<T>(env: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    return await start();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
