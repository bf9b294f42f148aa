import { InvalidCursorError } from '@samenloop/privacy';
import { auditProblem } from '../audit.problems';
import { InvalidClientRefError, UnknownClientError } from './client-locator';

/** Turns the audit's own errors into problems; anything else is rethrown as it is. */
export function asAuditProblem(error: unknown): never {
  if (error instanceof UnknownClientError) throw auditProblem('unknown-client', error.message);
  if (error instanceof InvalidClientRefError) {
    throw auditProblem('invalid-client-reference', error.message);
  }
  if (error instanceof InvalidCursorError) throw auditProblem('invalid-cursor', error.message);
  throw error;
}
