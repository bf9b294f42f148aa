import { ProblemException, type ProblemFieldError } from '@samenloop/platform';

/**
 * The intake's own refusals that the Kafka path raises before the command path, with the types
 * and titles the HTTP intake answers with (libs/intake's intake.problems.ts and the platform's
 * problem filter), so that a partner branches on one `type` whichever way it publishes.
 */
export const kafkaIntakeProblems = {
  invalidEvent(errors: readonly ProblemFieldError[]): ProblemException {
    const [first] = errors;
    const detail =
      errors.length === 1 && first
        ? `${first.path || 'the event'}: ${first.message}`
        : `${errors.length} fields are not valid`;
    return new ProblemException({
      status: 400,
      type: 'invalid-event',
      title: 'The event is not valid',
      detail,
      errors: [...errors],
    });
  },

  malformedValue(detail: string): ProblemException {
    return new ProblemException({
      status: 400,
      type: 'malformed-body',
      title: 'Malformed request body',
      detail,
    });
  },

  unsupportedMediaType(detail: string): ProblemException {
    return new ProblemException({
      status: 415,
      type: 'unsupported-media-type',
      title: 'Unsupported media type',
      detail,
    });
  },
};
