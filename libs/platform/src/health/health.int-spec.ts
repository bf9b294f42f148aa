import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { createHttpApp } from '../http/http-app-factory';
import { LoggingModule } from '../logging/logging.module';
import { HealthModule } from './health.module';

@Module({ imports: [ConfigModule, LoggingModule, DatabaseModule.forRoot([]), HealthModule] })
class ProcessModule {}

describe('HealthModule', () => {
  let db: TestDatabase;
  let dropped = false;
  let app: NestFastifyApplication;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = 'silent';
    app = await createHttpApp(ProcessModule, { openApi: { title: 'health' } });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    if (!dropped) await db?.drop();
    process.env = savedEnv;
  });

  it('is live while the process runs', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('is ready when migrated and the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' } },
    });
  });

  // Last: it takes the database away.
  it('is not ready once the database is gone, with a problem naming it', async () => {
    dropped = true;
    await db.drop();

    const response = await app.inject({ method: 'GET', url: '/health/ready' });

    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'https://samenloop.nl/problems/not-ready',
      title: 'Not ready',
      status: 503,
      instance: '/health/ready',
      checks: { database: { status: 'down' } },
    });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });
});
