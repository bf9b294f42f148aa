import type { FastifyInstance } from 'fastify';
import { ProblemException } from './problem-exception';
import { jsonTextExcess, MAX_JSON_DEPTH, MAX_JSON_VALUES, type JsonExcess } from './json-shape';

/** The only media types a request body may have: JSON, and CloudEvents' structured and batched modes. */
export const JSON_MEDIA_TYPES = [
  'application/json',
  'application/cloudevents+json',
  'application/cloudevents-batch+json',
] as const;

/**
 * Makes JSON the only body the app parses. Form-encoded and plain-text bodies, which a browser
 * posts cross-site without a preflight, are refused with 415 before any route sees them, and so
 * is every other type. A body nesting deeper than MAX_JSON_DEPTH or holding more than
 * MAX_JSON_VALUES values is refused before it is parsed, so no body keeps the event loop long.
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
      const excess = jsonTextExcess(text);
      if (excess !== undefined) {
        done(tooComplex(excess), undefined);
        return;
      }
      parseJson(request, text, done);
    },
  );
}

function tooComplex(excess: JsonExcess): ProblemException {
  return new ProblemException({
    status: 400,
    type: 'body-too-complex',
    title: 'Request body too complex',
    detail:
      excess === 'depth'
        ? `The body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep.`
        : `The body holds more than ${MAX_JSON_VALUES} values.`,
  });
}
