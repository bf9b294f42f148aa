import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * The largest body a route takes unless it says otherwise: ample for sign-in, subscriptions and
 * the admin API, and small enough that no body keeps the event loop busy for long.
 */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Sets a route's largest request body, in bytes, over DEFAULT_BODY_LIMIT. */
export function BodyLimit(bytes: number): MethodDecorator {
  return RouteConfig({ bodyLimit: bytes });
}

/** Gives each route the body limit its `@BodyLimit` names; call before any route is added. */
export function applyBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}

/** `65536` as `64 KiB`, `5242880` as `5 MiB`, for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
