import { Controller, Get, Injectable, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ConfigModule } from '../config/config.module';
import { LoggingModule } from '../logging/logging.module';
import { probeHttpApp } from './probe-app.spec-helper';

@Injectable()
class Greeting {
  text(): string {
    return 'from the module';
  }
}

@Controller('greeting')
class GreetingController {
  constructor(private readonly greeting: Greeting) {}

  @Get()
  greet(): { text: string } {
    return { text: this.greeting.text() };
  }
}

@Module({
  imports: [ConfigModule, LoggingModule],
  controllers: [GreetingController],
  providers: [Greeting],
})
class GreetingModule {}

describe('createHttpApp with its own makeApp', () => {
  const replaced: Pick<Greeting, 'text'> = { text: () => 'replaced' };
  const probe = probeHttpApp(
    GreetingModule,
    { LOG_LEVEL: 'silent' },
    async (rootModule, adapter, options) => {
      const compiled = await Test.createTestingModule({ imports: [rootModule] })
        .overrideProvider(Greeting)
        .useValue(replaced)
        .compile();
      return compiled.createNestApplication<NestFastifyApplication>(adapter, options);
    },
  );

  it('serves the app it makes, with the provider it replaced', async () => {
    const response = await probe.app.inject({ method: 'GET', url: '/greeting' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ text: 'replaced' });
  });

  it('sets that app up as every HTTP process is: problems and request ids', async () => {
    const response = await probe.app.inject({ method: 'GET', url: '/nowhere' });

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['x-request-id']).toEqual(expect.any(String));
  });
});
