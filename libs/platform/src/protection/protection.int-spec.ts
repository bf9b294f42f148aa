import { Controller, Get, Injectable, Module, UseGuards } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule } from '../config/config.module';
import { createHttpApp } from '../http/http-app-factory';
import { LoggingModule } from '../logging/logging.module';
import { ADMIN_CALLER, CallerIdentity, type CallerRequest } from './caller-identity';
import { OperatorGuard } from './operator.guard';
import { ProtectionModule } from './protection.module';

const METRICS_TOKEN = 'metrics-token-for-the-protection-test';

/** Stands in for sharing's bearer tokens: a fixed set of valid ones. */
@Injectable()
class KnownTokens extends CallerIdentity {
  private static readonly callers: Record<string, string> = {
    'Bearer token-of-a': 'partner:a',
    'Bearer token-of-b': 'partner:b',
    'Bearer token-of-admin': ADMIN_CALLER,
  };

  callerOf({ headers }: CallerRequest): Promise<string | undefined> {
    return Promise.resolve(KnownTokens.callers[String(headers.authorization)]);
  }
}

@Controller('probe')
class ProbeController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }

  @Get('operators')
  @UseGuards(OperatorGuard)
  operators(): { ok: true } {
    return { ok: true };
  }
}

@Module({
  imports: [ConfigModule, LoggingModule, ProtectionModule],
  controllers: [ProbeController],
  providers: [{ provide: CallerIdentity, useClass: KnownTokens }],
})
class ProbeModule {}

async function start(env: Record<string, string>): Promise<NestFastifyApplication> {
  Object.assign(process.env, { LOG_LEVEL: 'silent', RATE_LIMIT_PER_SECOND: '3', ...env });
  const app = await createHttpApp(ProbeModule, { openApi: { title: 'Probe' } });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('protection', () => {
  const savedEnv = { ...process.env };
  afterAll(() => {
    process.env = savedEnv;
  });

  describe('behind no trusted proxy', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      delete process.env.CORS_ORIGINS;
      delete process.env.TRUST_PROXY;
      app = await start({ METRICS_TOKEN });
    });
    afterAll(() => app?.close());

    const get = (
      options: { authorization?: string; from?: string; forwardedFor?: string; url?: string } = {},
    ) =>
      app.inject({
        method: 'GET',
        url: options.url ?? '/probe',
        remoteAddress: options.from ?? '192.0.2.1',
        headers: {
          origin: 'https://elsewhere.example',
          ...(options.authorization ? { authorization: options.authorization } : {}),
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
        },
      });
    const statusesOf = async (requests: (() => ReturnType<typeof get>)[]) => {
      const statuses = [];
      for (const request of requests) statuses.push((await request()).statusCode);
      return statuses;
    };

    it('sends security headers and no CORS permission by default', async () => {
      const response = await get({ from: '192.0.2.10' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['strict-transport-security']).toBeDefined();
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('limits each authenticated caller on its own and answers 429 problem+json with Retry-After', async () => {
      const a = () => get({ authorization: 'Bearer token-of-a', from: '192.0.2.20' });
      expect(await statusesOf([a, a, a, a])).toEqual([200, 200, 200, 429]);

      const limited = await a();
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json()).toMatchObject({ status: 429 });

      // Another partner behind the same address has a bucket of its own.
      expect(
        (await get({ authorization: 'Bearer token-of-b', from: '192.0.2.20' })).statusCode,
      ).toBe(200);
    });

    it('counts made-up tokens against the address they come from', async () => {
      const madeUp = (n: number) => () =>
        get({ authorization: `Bearer made-up-${n}`, from: '192.0.2.30' });
      expect(await statusesOf([madeUp(1), madeUp(2), madeUp(3), madeUp(4)])).toEqual([
        200, 200, 200, 429,
      ]);
      // The address is limited, with or without a token.
      expect((await get({ from: '192.0.2.30' })).statusCode).toBe(429);
      expect((await get({ from: '192.0.2.31' })).statusCode).toBe(200);
    });

    it('ignores X-Forwarded-For from a proxy it was not told to trust', async () => {
      const forged = (n: number) => () =>
        get({ from: '192.0.2.40', forwardedFor: `198.51.100.${n}` });
      expect(await statusesOf([forged(1), forged(2), forged(3), forged(4)])).toEqual([
        200, 200, 200, 429,
      ]);
    });

    it('admits METRICS_TOKEN and the administrator to operator routes, and no one else', async () => {
      const operators = (authorization?: string) =>
        get({
          url: '/probe/operators',
          from: '192.0.2.50',
          ...(authorization ? { authorization } : {}),
        });

      expect((await operators(`Bearer ${METRICS_TOKEN}`)).statusCode).toBe(200);
      expect((await operators('Bearer token-of-admin')).statusCode).toBe(200);
      for (const refused of [undefined, 'Bearer token-of-a', `Bearer ${METRICS_TOKEN}x`]) {
        const response = await operators(refused);
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });
  });

  describe('behind a trusted proxy', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await start({ TRUST_PROXY: '192.0.2.1' });
    });
    afterAll(() => app?.close());

    const via = (remoteAddress: string, client: string) =>
      app.inject({
        method: 'GET',
        url: '/probe',
        remoteAddress,
        headers: { 'x-forwarded-for': client },
      });

    it('limits the client the proxy names, not the proxy', async () => {
      const statuses = [];
      for (let n = 1; n <= 4; n++)
        statuses.push((await via('192.0.2.1', `198.51.100.${n}`)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200]);

      // Another peer's X-Forwarded-For is not believed.
      const forged = [];
      for (let n = 1; n <= 4; n++)
        forged.push((await via('192.0.2.9', `198.51.100.${n}`)).statusCode);
      expect(forged).toEqual([200, 200, 200, 429]);
    });
  });
});
