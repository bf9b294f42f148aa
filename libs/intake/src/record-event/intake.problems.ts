import { INTAKE_PROBLEMS, type IntakeProblemCode } from '@samenloop/contracts';
import type { Rejection } from '@samenloop/domain';
import { ProblemException, type ProblemInit } from '@samenloop/platform';

export function intakeProblem(
  code: IntakeProblemCode,
  detail: string,
  extra: Pick<ProblemInit, 'errors' | 'headers' | 'extensions'> = {},
): ProblemException {
  const [status, title] = INTAKE_PROBLEMS[code];
  return new ProblemException({ status, type: code, title, detail, ...extra });
}

/** The decider's refusal as the problem docs/inbound.md names for it. */
export function rejectionProblem({ code, detail, field }: Rejection): ProblemException {
  return intakeProblem(
    code,
    detail,
    field === undefined ? {} : { errors: [{ path: field, message: detail }] },
  );
}
