import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppConfig, ProblemException } from '@samenloop/platform';
import { crossOriginReason, type OriginRequest } from './same-origin.policy';

/**
 * Refuses a state-changing request that another site's page could have made the browser send
 * (cross-site request forgery, login CSRF included): 403 unless it comes from the hub's origin.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    this.check(context.switchToHttp().getRequest<OriginRequest>());
    return true;
  }

  check(request: OriginRequest): void {
    const reason = crossOriginReason(request, this.config.PUBLIC_URL);
    if (reason === undefined) return;
    throw new ProblemException({
      status: 403,
      type: 'cross-origin-request',
      title: 'Not from the hub’s own pages',
      detail: `refused because ${reason}: sign-in and signed-in changes must come from the hub's own origin`,
    });
  }
}
