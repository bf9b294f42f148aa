import type { Problem } from './contract.generated';

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/**
 * The hub refused a request: `problem` is its RFC 9457 answer (`type` ends in a stable name such as
 * `invalid-event`, `errors` lists the fields at fault).
 */
export class SamenloopProblemError extends Error {
  override readonly name = 'SamenloopProblemError';

  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
  }

  get status(): number {
    return this.problem.status;
  }

  /** The last segment of the problem type, e.g. `invalid-event`. */
  get code(): string {
    return this.problem.type.split('/').pop() ?? this.problem.type;
  }

  /** The problem a failed response carries; one made of its status when it is not problem+json. */
  static async of(response: Response): Promise<SamenloopProblemError> {
    const text = await response.text();
    const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
    if (mediaType === PROBLEM_MEDIA_TYPE) {
      try {
        return new SamenloopProblemError(JSON.parse(text) as Problem);
      } catch {
        // Not JSON after all: described below from the status.
      }
    }
    return new SamenloopProblemError({
      type: 'about:blank',
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      ...(text ? { detail: text.slice(0, 500) } : {}),
    });
  }
}
