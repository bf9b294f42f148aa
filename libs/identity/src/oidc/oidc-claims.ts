import { ProblemException } from '@samenloop/platform';
import type { JWTPayload } from 'jose';
import type { Role } from '@samenloop/contracts';
import type { OidcSettings } from '../identity.settings';
import type { SessionHolder } from '../sessions/sessions-service';

const ROLES: readonly Role[] = ['case-lead', 'auditor', 'admin'];

const text = (value: unknown) =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

function refused(detail: string): ProblemException {
  return new ProblemException({
    status: 403,
    type: 'oidc-role-missing',
    title: 'No dashboard role',
    detail,
  });
}

/** Who an ID token signs in: the role claim (a string or a list), and a case lead's partner. */
export function holderOf(
  claims: JWTPayload,
  { roleClaim, partnerClaim }: OidcSettings,
): SessionHolder {
  const values = ([] as unknown[]).concat(claims[roleClaim] ?? []);
  const role = values.find((value): value is Role => ROLES.includes(value as Role));
  if (!role) throw refused(`the ID token's ${roleClaim} claim names none of ${ROLES.join(', ')}`);
  const partnerId = text(claims[partnerClaim]);
  if (role === 'case-lead' && !partnerId) {
    throw refused(`a case lead needs the partner it works for in the ${partnerClaim} claim`);
  }
  const username = text(claims.preferred_username) ?? text(claims.email) ?? claims.sub!;
  return {
    username,
    displayName: text(claims.name) ?? username,
    role,
    ...(role === 'case-lead' ? { partnerId } : {}),
  };
}
