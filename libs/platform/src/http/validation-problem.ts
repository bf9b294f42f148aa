import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { ProblemFieldError } from './problem-details';
import { ProblemException } from './problem-exception';

/** Flattens class-validator's tree into `{ path, message }` pairs, one per failed constraint. */
export function fieldErrors(errors: readonly ValidationError[], parent = ''): ProblemFieldError[] {
  return errors.flatMap((error) => {
    const path = joinPath(parent, error.property);
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...fieldErrors(error.children ?? [], path)];
  });
}

/** The 400 `validation-failed` problem for a set of class-validator errors. */
export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const list = fieldErrors(errors);
  return validationFailed(
    list,
    list.length === 1
      ? `${list[0].path || 'the body'}: ${list[0].message}`
      : `${list.length} fields are not valid`,
  );
}

/** The 400 `validation-failed` problem for one field a handler checked itself. */
export function fieldProblem(
  path: string,
  message: string,
  detail = `${path}: ${message}`,
): ProblemException {
  return validationFailed([{ path, message }], detail);
}

function validationFailed(errors: ProblemFieldError[], detail: string): ProblemException {
  return new ProblemException({
    status: 400,
    type: 'validation-failed',
    title: 'The request is not valid',
    detail,
    errors,
  });
}

/**
 * The pipe every HTTP app validates DTOs with: unknown properties are refused rather than silently
 * dropped, and failures become a `validation-failed` problem with field paths.
 */
export function createValidationPipe(options: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    ...options,
    exceptionFactory: (errors) => validationProblem(errors),
  });
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
