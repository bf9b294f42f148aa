import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@samenloop/platform';
import type { Role } from '@samenloop/contracts';
import type { CaseLead, Viewer } from './viewer';
import type { DashboardRequest } from './dashboard-request';
import { SameOriginGuard } from './same-origin.guard';
import { ViewerSessions } from './viewer-sessions';

const ROLES = 'samenloop:dashboard-roles';

/** The roles an endpoint is for; without it any signed-in professional may call it. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export function notSignedIn(): ProblemException {
  return new ProblemException({
    status: 401,
    type: 'unauthorized',
    title: 'Authentication required',
    detail: 'sign in to the dashboard first (POST /v1/dashboard/session)',
  });
}

/** Lets a request through with a live session whose role the endpoint is for, from the hub's origin. */
@Injectable()
export class DashboardAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly viewers: ViewerSessions,
    private readonly sameOrigin: SameOriginGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DashboardRequest>();
    // A cookie is sent whichever page makes the request: changes must come from the hub's own.
    this.sameOrigin.check(request);
    const viewer = await this.viewers.viewerOf(request, new Date());
    if (!viewer) throw notSignedIn();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles && !roles.includes(viewer.role)) {
      throw new ProblemException({
        status: 403,
        type: 'role-not-allowed',
        title: 'Not for your role',
        detail: `this is for ${roles.join(' or ')}; you are signed in as ${viewer.role}`,
      });
    }
    request.viewer = viewer;
    return true;
  }
}

export const CurrentViewer = createParamDecorator(
  (_: unknown, context: ExecutionContext): Viewer =>
    context.switchToHttp().getRequest<DashboardRequest>().viewer!,
);

/** The viewer of an endpoint for case leads only (`@Roles('case-lead')`). */
export const CurrentCaseLead = createParamDecorator(
  (_: unknown, context: ExecutionContext): CaseLead => {
    const viewer = context.switchToHttp().getRequest<DashboardRequest>().viewer;
    if (viewer?.role !== 'case-lead' || !viewer.partner) throw notSignedIn();
    return viewer as CaseLead;
  },
);
