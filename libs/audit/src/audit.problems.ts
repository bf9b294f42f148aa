import { ProblemException } from '@samenloop/platform';

const PROBLEMS = {
  unauthorized: [401, 'Authentication required'],
  'not-auditor': [403, 'Auditors only'],
  'unknown-client': [404, 'Unknown client'],
  'invalid-client-reference': [400, 'Invalid client reference'],
  'invalid-as-of': [400, 'Invalid as-of moment'],
  'invalid-cursor': [400, 'Invalid cursor'],
  'unknown-verification': [404, 'Unknown verification'],
  'unknown-erasure-request': [404, 'Unknown erasure request'],
  'erasure-already-requested': [409, 'Erasure already requested'],
  'erasure-request-decided': [409, 'Erasure request already approved'],
  'same-auditor': [403, 'Four eyes: another auditor must approve'],
} as const satisfies Record<string, readonly [number, string]>;

export type AuditProblemType = keyof typeof PROBLEMS;

/** The audit API's problems; the type suffixes are part of the public contract. */
export function auditProblem(
  type: AuditProblemType,
  detail: string,
  headers?: Record<string, string>,
): ProblemException {
  const [status, title] = PROBLEMS[type];
  return new ProblemException({ status, type, title, detail, ...(headers ? { headers } : {}) });
}
