import type { FastifyInstance } from 'fastify';
import { ProblemException } from './problem.exception';
import { jsonTextNestsDeeperThan, MAX_JSON_DEPTH } from './json-depth';

/** The only media types a request body may have: JSON, and CloudEvents' structured and batched modes. */
export const JSON_MEDIA_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
] as const;

/**
 * Makes JSON the only body the app parses. Form-encoded and plain-text bodies, which a browser
 * posts cross-site without a preflight, are refused with 415 before any route sees them, and so
 * is every other type. A body nesting deeper than MAX_JSON_DEPTH is refused before it is parsed.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  // `error` refuses `__proto__` and `constructor.prototype` keys, which could reach a prototype.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(
    [...JSON_MEDIA_TYPES],
    { parseAs: 'string' },
    (request, body, done) => {
      // `parseAs: 'string'` hands over a string; String() only tells the compiler.
      const text = String(body);
      if (jsonTextNestsDeeperThan(text, MAX_JSON_DEPTH)) {
        done(tooDeep(), undefined);
        return;
      }
      parseJson(request, text, done);
    },
  );
}

function tooDeep(): ProblemException {
  return new ProblemException({
    status: 400,
    type: 'body-too-deep',
    title: 'Request body nested too deeply',
    detail: `The body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`,
  });
}
