import { HttpException } from '@nestjs/common';
import type { ProblemFieldError } from './problem-details';

export interface ProblemInit {
  /** HTTP status code. */
  status: number;
  /** Stable suffix of the problem type URI, e.g. `stream-conflict`; see `problemType()`. */
  type: string;
  /** Short summary that does not change between occurrences of this type. */
  title: string;
  /** What went wrong this time, for a human. Never put personal data or internals here. */
  detail?: string;
  /** Field-level errors, for validation problems. */
  errors?: ProblemFieldError[];
  /** Extra members of the problem document (e.g. `{ expectedRevision: 3 }`). */
  extensions?: Record<string, unknown>;
  /** Extra response headers (e.g. `WWW-Authenticate`, `Retry-After`). */
  headers?: Record<string, string>;
}

/**
 * The error any lib throws to answer with a specific RFC 9457 problem. The global filter renders it
 * as `application/problem+json`; being an HttpException, Nest's own handling still gets the status
 * right where that filter is not installed.
 */
export class ProblemException extends HttpException {
  readonly problem: Readonly<ProblemInit>;

  constructor(init: ProblemInit, options?: { cause?: unknown }) {
    super(init.detail ?? init.title, init.status, options);
    this.problem = Object.freeze({ ...init });
  }
}
