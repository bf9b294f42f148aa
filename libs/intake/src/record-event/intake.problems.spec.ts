import { refusalProblem } from './intake.problems';
import { invalidEvent } from './intake-refusal';

describe('a refusal as an RFC 9457 problem', () => {
  it('takes its status and title from the problem table, its type from the code', () => {
    expect(refusalProblem({ code: 'unknown-client', detail: 'no such client' }).problem).toEqual({
      status: 404,
      type: 'unknown-client',
      title: 'Unknown client',
      detail: 'no such client',
    });
  });

  it('names the fields at fault', () => {
    const problem = refusalProblem(invalidEvent([{ path: 'data.rung', message: 'too high' }]));
    expect(problem.problem).toMatchObject({
      status: 400,
      type: 'invalid-event',
      detail: 'data.rung: too high',
      errors: [{ path: 'data.rung', message: 'too high' }],
    });
  });

  it('says when to retry, as a header and in the body', () => {
    const problem = refusalProblem({
      code: 'too-many-signals',
      detail: 'slow down',
      retryAfterSeconds: 7,
    }).problem;
    expect(problem).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '7' },
      extensions: { retryAfter: 7 },
    });
  });
});
