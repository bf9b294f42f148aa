import {
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { renderProblem } from './problem-details-filter';
import { ProblemException } from './problem-exception';

const base = 'https://samenloop.nl/problems/';

describe('renderProblem', () => {
  it('renders a ProblemException with its errors, extensions and headers', () => {
    const exception = new ProblemException({
      status: 409,
      type: 'stream-conflict',
      title: 'Stream conflict',
      detail: 'the stream moved on',
      errors: [{ path: 'revision', message: 'too old' }],
      extensions: { expectedRevision: 3, status: 200, type: 'forged' },
      headers: { 'retry-after': '1' },
    });

    const rendered = renderProblem(exception, '/clients/1/events');

    expect(rendered).toEqual({
      problem: {
        type: `${base}stream-conflict`,
        title: 'Stream conflict',
        status: 409,
        detail: 'the stream moved on',
        instance: '/clients/1/events',
        errors: [{ path: 'revision', message: 'too old' }],
        expectedRevision: 3,
      },
      headers: { 'retry-after': '1' },
      unexpected: false,
    });
  });

  it('maps a route that does not exist to not-found, without the query string', () => {
    const { problem } = renderProblem(
      new NotFoundException('Cannot GET /nope?token=s3cret'),
      '/nope',
    );

    expect(problem).toEqual({
      type: `${base}not-found`,
      title: 'Not found',
      status: 404,
      detail: 'Cannot GET /nope',
      instance: '/nope',
    });
  });

  it.each([
    [413, 'payload-too-large'],
    [415, 'unsupported-media-type'],
    [401, 'unauthorized'],
    [429, 'too-many-requests'],
    [418, 'http-418'],
  ])('maps HTTP status %i to %s', (status, suffix) => {
    const { problem } = renderProblem(new HttpException('no', status), '/x');
    expect(problem).toMatchObject({ type: `${base}${suffix}`, status, detail: 'no' });
  });

  it('maps an unparsable body to malformed-body', () => {
    const cause = Object.assign(new Error('Body is not valid JSON'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      name: 'FastifyError',
    });
    const { problem } = renderProblem(
      new HttpException('Body is not valid JSON', 400, { cause }),
      '/x',
    );
    expect(problem).toMatchObject({ type: `${base}malformed-body`, status: 400 });
  });

  it('turns the message list of a default ValidationPipe into validation-failed', () => {
    const { problem } = renderProblem(
      new BadRequestException(['name must be a string', 'age must be an integer number']),
      '/x',
    );
    expect(problem).toMatchObject({
      type: `${base}validation-failed`,
      errors: [
        { path: '', message: 'name must be a string' },
        { path: '', message: 'age must be an integer number' },
      ],
    });
  });

  it('keeps the message of a deliberate 503', () => {
    const rendered = renderProblem(new ServiceUnavailableException('draining'), '/x');
    expect(rendered.problem).toMatchObject({
      type: `${base}service-unavailable`,
      detail: 'draining',
    });
    expect(rendered.unexpected).toBe(false);
  });

  it.each([
    ['an unknown error', new Error('password=hunter2 at db.internal')],
    ['a thrown string', 'boom'],
    ['an InternalServerErrorException', new InternalServerErrorException('pool exhausted')],
  ])('answers %s with a bare 500 that leaks nothing', (_name, thrown) => {
    const rendered = renderProblem(thrown, '/x');

    expect(rendered.unexpected).toBe(true);
    expect(rendered.problem).toMatchObject({
      type: `${base}internal`,
      status: 500,
      instance: '/x',
    });
    expect(JSON.stringify(rendered.problem)).not.toMatch(/hunter2|boom|pool exhausted/);
  });
});
