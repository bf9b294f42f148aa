import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Security headers on every answer, and CORS closed unless origins are named: partners call the
 * API server to server, and the dashboard is served from the hub's own origin.
 */
export async function setupSecurity(
  app: NestFastifyApplication,
  corsOrigins: readonly string[],
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Swagger UI and the dashboard's charts set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  if (corsOrigins.length > 0) {
    app.enableCors({ origin: [...corsOrigins], credentials: false, maxAge: 600 });
  }
}
