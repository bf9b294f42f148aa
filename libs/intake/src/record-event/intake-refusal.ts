import type { IntakeProblemCode } from '@samenloop/contracts';
import type { Rejection } from '@samenloop/domain';
import type { ProblemFieldError } from '@samenloop/platform';

/** The refusals a retry may overcome. */
type RetryLaterCode = Extract<IntakeProblemCode, 'too-many-signals' | 'concurrency-conflict'>;

/**
 * Why the intake refused an event, in its own terms: the HTTP adapter answers it as an RFC 9457
 * problem, the Kafka adapter publishes that problem on the partner's rejected topic or retries.
 */
export type IntakeRefusal =
  | { code: RetryLaterCode; detail: string; retryAfterSeconds: number }
  | {
      code: Exclude<IntakeProblemCode, RetryLaterCode>;
      detail: string;
      /** The fields at fault, by path (`data.rung`). */
      errors?: readonly ProblemFieldError[];
    };

/** Thrown along the command path, so that each step refuses where it finds the reason. */
export class IntakeRefused extends Error {
  constructor(readonly refusal: IntakeRefusal) {
    super(`${refusal.code}: ${refusal.detail}`);
  }
}

export function refused(
  code: Exclude<IntakeProblemCode, RetryLaterCode>,
  detail: string,
): IntakeRefused {
  return new IntakeRefused({ code, detail });
}

export function refusedForNow(
  code: RetryLaterCode,
  detail: string,
  retryAfterSeconds: number,
): IntakeRefused {
  return new IntakeRefused({ code, detail, retryAfterSeconds });
}

/** The decider's refusal, its field (if any) as the one error. */
export function rejectionRefused({ code, detail, field }: Rejection): IntakeRefused {
  return new IntakeRefused({
    code,
    detail,
    ...(field === undefined ? {} : { errors: [{ path: field, message: detail }] }),
  });
}

/** An event that fails the inbound contract's checks, however it arrived. */
export function invalidEvent(errors: readonly ProblemFieldError[]): IntakeRefusal {
  const [first] = errors;
  const detail =
    errors.length === 1 && first
      ? `${first.path || 'the event'}: ${first.message}`
      : `${errors.length} fields are not valid`;
  return { code: 'invalid-event', detail, errors };
}
