import type { ModuleRef } from '@nestjs/core';

/** The parts of a request a CallerIdentity reads. */
export interface CallerRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** The caller key of the hub's administrator (partners are `partner:<id>`, never this). */
export const ADMIN_CALLER = 'admin';

/**
 * Port: who a request's credential proves the caller to be, for the rate limit and the operator
 * endpoints. A lib that authenticates callers (sharing's bearer tokens, the dashboard's sessions)
 * provides one; the platform asks each it finds. Implementations answer from a cache in the
 * common case, since this runs before every request's own authentication.
 */
export abstract class CallerIdentity {
  /** A stable key such as `partner:ggz-a`, or undefined for no credential or one not valid. */
  abstract callerOf(request: CallerRequest): Promise<string | undefined>;
}

/** The caller as the first CallerIdentity of the application that knows the credential sees it. */
export async function identifyCaller(
  moduleRef: ModuleRef,
  request: CallerRequest,
): Promise<string | undefined> {
  for (const identity of identitiesOf(moduleRef)) {
    const caller = await identity.callerOf(request);
    if (caller !== undefined) return caller;
  }
  return undefined;
}

function identitiesOf(moduleRef: ModuleRef): CallerIdentity[] {
  try {
    return moduleRef.get(CallerIdentity, { strict: false, each: true });
  } catch {
    // An app that authenticates nobody (the projector) registers none.
    return [];
  }
}
