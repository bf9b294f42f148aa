import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { probeHttpApp } from '../http/probe-app.spec-helper';
import { LogDestination } from './log-destination';
import { LoggingModule } from './logging.module';

type Line = Record<string, unknown> & { msg?: string; requestId?: string };

@Controller()
class ProbeController {
  private readonly logger = new Logger('Probe');

  @Get('probe/hello')
  hello(): { ok: true } {
    this.logger.log('saying hello');
    this.logger.debug('below the level');
    return { ok: true };
  }

  @Post('probe/echo')
  echo(@Body() body: { words: string[] }): { count: number } {
    this.logger.log({ count: body.words.length }, 'echoing');
    return { count: body.words.length };
  }

  @Get('probe/boom')
  boom(): never {
    throw new Error('broken on purpose');
  }

  @Get('health/live')
  live(): { status: 'up' } {
    return { status: 'up' };
  }
}

describe('LoggingModule', () => {
  const lines: Line[] = [];
  const capture: LogDestination = { write: (line) => void lines.push(JSON.parse(line) as Line) };

  // The module as the apps import it, but writing to `capture` instead of standard output.
  @Module({
    imports: [
      ConfigModule,
      { module: LoggingModule, providers: [{ provide: LogDestination, useValue: capture }] },
    ],
    controllers: [ProbeController],
  })
  class ProbeModule {}

  const probe = probeHttpApp(ProbeModule, { LOG_LEVEL: 'info' });

  beforeEach(() => lines.splice(0));

  /** The lines logged for the request with id `requestId`, once its request line is there. */
  async function linesOf(requestId: string): Promise<Line[]> {
    for (let waited = 0; waited < 2_000; waited += 20) {
      const mine = lines.filter((line) => line.requestId === requestId);
      if (mine.some((line) => line.req !== undefined)) return mine;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no request line for ${requestId} in ${JSON.stringify(lines)}`);
  }

  it('logs a request as one JSON line with its id, and what the handler logs with that id', async () => {
    const response = await probe.app.inject({
      method: 'GET',
      url: '/probe/hello',
      headers: { 'x-request-id': 'probe-hello-1' },
    });
    expect(response.headers['x-request-id']).toBe('probe-hello-1');

    const [said, request] = await linesOf('probe-hello-1');
    expect(said).toMatchObject({ level: 'info', context: 'Probe', msg: 'saying hello' });
    expect(request).toMatchObject({
      level: 'info',
      msg: 'request completed',
      req: { method: 'GET', url: '/probe/hello' },
      res: { statusCode: 200 },
    });
    expect(new Date(String(request!.time)).toISOString()).toBe(request!.time);
  });

  it('keeps the request id through a body being read, and merges an object message', async () => {
    await probe.app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'x-request-id': 'probe-echo-1', 'content-type': 'application/json' },
      payload: JSON.stringify({ words: ['a', 'b'] }),
    });

    expect((await linesOf('probe-echo-1'))[0]).toMatchObject({
      context: 'Probe',
      count: 2,
      msg: 'echoing',
    });
  });

  it('gives a request without a sane id a new UUID, the same in the header and the log', async () => {
    const response = await probe.app.inject({
      method: 'GET',
      url: '/probe/hello',
      headers: { 'x-request-id': 'not sane\n{"level":"fatal"}' },
    });
    const id = String(response.headers['x-request-id']);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await linesOf(id)).toHaveLength(2);
  });

  it('logs nothing below LOG_LEVEL', async () => {
    await probe.app.inject({
      method: 'GET',
      url: '/probe/hello',
      headers: { 'x-request-id': 'lvl-1' },
    });
    await linesOf('lvl-1');
    expect(lines.map((line) => line.msg)).not.toContain('below the level');
  });

  it('redacts credentials and cookies, and every query value but harmless ones', async () => {
    await probe.app.inject({
      method: 'GET',
      url: '/probe/hello?after=5&search=Jansen&code=SECRET-CODE',
      headers: {
        'x-request-id': 'probe-redact-1',
        authorization: 'Bearer SECRET-TOKEN',
        cookie: 'session=SECRET-SESSION',
      },
    });

    const request = (await linesOf('probe-redact-1')).find((line) => line.req !== undefined)!;
    expect(request.req).toMatchObject({
      url: '/probe/hello?after=5&search=[redacted]&code=[redacted]',
      headers: { authorization: '[redacted]', cookie: '[redacted]' },
    });
    expect(JSON.stringify(lines)).not.toMatch(/SECRET|Jansen/);
  });

  it('logs a failed request at error, and the failure with its id', async () => {
    await probe.app.inject({
      method: 'GET',
      url: '/probe/boom',
      headers: { 'x-request-id': 'boom-1' },
    });

    const mine = await linesOf('boom-1');
    expect(mine.find((line) => line.msg === 'request failed unexpectedly')).toMatchObject({
      level: 'error',
      err: { message: 'broken on purpose' },
    });
    expect(mine.find((line) => line.req !== undefined)).toMatchObject({
      level: 'error',
      res: { statusCode: 500 },
    });
  });

  it('does not log the probes of /health/live', async () => {
    await probe.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'live-1' },
    });
    await probe.app.inject({
      method: 'GET',
      url: '/probe/hello',
      headers: { 'x-request-id': 'after-1' },
    });
    await linesOf('after-1');
    expect(lines.filter((line) => line.requestId === 'live-1')).toEqual([]);
  });
});
