import { INTAKE_PROBLEMS } from '@samenloop/contracts';
import { ProblemException } from '@samenloop/platform';
import type { IntakeRefusal } from './intake-refusal';

/**
 * A refusal as the RFC 9457 problem docs/inbound.md names for it. One that a retry may overcome
 * says when, as Retry-After and in the body too: an item of a batch answer has no headers.
 */
export function refusalProblem(refusal: IntakeRefusal): ProblemException {
  const [status, title] = INTAKE_PROBLEMS[refusal.code];
  const problem = { status, type: refusal.code, title, detail: refusal.detail };
  if ('retryAfterSeconds' in refusal) {
    const seconds = refusal.retryAfterSeconds;
    return new ProblemException({
      ...problem,
      headers: { 'Retry-After': String(seconds) },
      extensions: { retryAfter: seconds },
    });
  }
  return new ProblemException(
    refusal.errors ? { ...problem, errors: [...refusal.errors] } : problem,
  );
}
