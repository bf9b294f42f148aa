import { Type } from '@sinclair/typebox';
import { SCHEMA_BASE_URL } from '../catalogue/outbound-event.catalogue';

/**
 * An RFC 9457 problem document, as the hub answers a refused event (HTTP) or publishes it on the
 * partner's rejected topic (Kafka). Extensions are allowed, as the RFC says.
 */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({
      format: 'uri',
      description: 'stable per error, e.g. …/problems/invalid-event',
    }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String({ format: 'uri-reference' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'dotted, indices in brackets: `data.scores.finances`' }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: `${SCHEMA_BASE_URL}problem.json`, title: 'Problem details (RFC 9457)' },
);
