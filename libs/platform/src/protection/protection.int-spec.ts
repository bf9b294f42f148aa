import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule } from '../config/config.module';
import { createHttpApp } from '../http/http-app.factory';
import { LoggingModule } from '../logging/logging.module';
import { ProtectionModule } from './protection.module';

@Controller('probe')
class ProbeController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }
}

@Module({
  imports: [ConfigModule, LoggingModule, ProtectionModule],
  controllers: [ProbeController],
})
class ProbeModule {}

describe('protection', () => {
  let app: NestFastifyApplication;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, { LOG_LEVEL: 'silent', RATE_LIMIT_PER_SECOND: '3' });
    delete process.env.CORS_ORIGINS;
    app = await createHttpApp(ProbeModule, { openApi: { title: 'Probe' } });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    process.env = savedEnv;
  });

  const get = (authorization?: string) =>
    app.inject({
      method: 'GET',
      url: '/probe',
      headers: { origin: 'https://elsewhere.example', ...(authorization ? { authorization } : {}) },
    });

  it('sends security headers and no CORS permission by default', async () => {
    const response = await get('Bearer security-check');
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits each caller on its own and answers 429 problem+json with Retry-After', async () => {
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await get('Bearer partner-a')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const limited = await get('Bearer partner-a');
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429 });

    expect((await get('Bearer partner-b')).statusCode).toBe(200);
  });
});
