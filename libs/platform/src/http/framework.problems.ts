import { formatBytes } from './body-limit';
import { JSON_MEDIA_TYPES } from './json-body-parser';
import { ProblemException } from './problem-exception';

/**
 * The problem for an error Fastify raises itself while reading a request (its codes are
 * `FST_ERR_*`), with a message for the caller instead of Fastify's; undefined for anything else.
 * `bodyLimit` is the limit of the route the request was for.
 */
export function frameworkProblem(error: unknown, bodyLimit: number): ProblemException | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return malformedBody('The body is not valid JSON.', error);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return malformedBody('The body is empty, but its content type says JSON.', error);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return malformedBody('The body is not as long as its Content-Length header says.', error);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProblemException(
        {
          status: 413,
          type: 'payload-too-large',
          title: 'Request body too large',
          detail: `The body is larger than ${formatBytes(bodyLimit)}, the most this route accepts.`,
        },
        { cause: error },
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new ProblemException(
        {
          status: 415,
          type: 'unsupported-media-type',
          title: 'Unsupported media type',
          detail: `Send the body as JSON: ${JSON_MEDIA_TYPES.join(', ')}.`,
        },
        { cause: error },
      );
    case 'FST_ERR_BAD_URL':
      return new ProblemException(
        {
          status: 400,
          type: 'bad-request',
          title: 'Bad request',
          detail: 'The URL is not valid: a %-escape in it does not decode.',
        },
        { cause: error },
      );
    default:
      return undefined;
  }
}

/** A body that does not parse, answered without the parser's message (it may quote the body). */
export function malformedBody(detail: string, cause?: unknown): ProblemException {
  return new ProblemException(
    { status: 400, type: 'malformed-body', title: 'Malformed request body', detail },
    { cause },
  );
}
