import { applyDecorators } from '@nestjs/common';
import { ApiSecurity, type SecuritySchemeObject } from '@nestjs/swagger';

/**
 * The names under which the OpenAPI document declares how callers prove who they are. The
 * dashboard's session goes by `cookie`, the name @nestjs/swagger's ApiCookieAuth() refers to.
 */
const SCHEMES = {
  partner: 'partnerToken',
  admin: 'adminToken',
  metrics: 'metricsToken',
  session: 'cookie',
} as const;

/** Operations a partner calls with its bearer token. */
export const ApiPartnerToken = () => ApiSecurity(SCHEMES.partner);

/** Operations for the hub's administrator (SAMENLOOP_ADMIN_TOKEN). */
export const ApiAdminToken = () => ApiSecurity(SCHEMES.admin);

/** Operations for operators: the metrics token or the administrator's, either will do. */
export const ApiOperatorToken = () =>
  applyDecorators(ApiSecurity(SCHEMES.metrics), ApiSecurity(SCHEMES.admin));

/** Every scheme the decorators above, and ApiCookieAuth(), refer to. */
export function securitySchemes(sessionCookie: string): Record<string, SecuritySchemeObject> {
  const bearer = (description: string): SecuritySchemeObject => ({
    type: 'http',
    scheme: 'bearer',
    description,
  });
  return {
    [SCHEMES.partner]: bearer(
      'The partner’s token, issued by the hub administrator (`samenloop partners add|rotate`).',
    ),
    [SCHEMES.admin]: bearer('The administrator token (SAMENLOOP_ADMIN_TOKEN).'),
    [SCHEMES.metrics]: bearer('The operators’ token (METRICS_TOKEN).'),
    [SCHEMES.session]: {
      type: 'apiKey',
      in: 'cookie',
      name: sessionCookie,
      description:
        'The HttpOnly session of a signed-in dashboard user (POST /v1/dashboard/session or OpenID Connect).',
    },
  };
}
