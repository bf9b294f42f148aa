import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { presentedBearerToken, unauthorized } from './bearer-token';
import { ADMIN_CALLER, identifyCaller, type CallerRequest } from './caller-identity';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Admits operators to what names partners, subscriptions and workers (/metrics,
 * /health/projections): `Authorization: Bearer <METRICS_TOKEN>`, or the administrator's token.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<CallerRequest>();
    if (
      this.isMetricsToken(request) ||
      (await identifyCaller(this.moduleRef, request)) === ADMIN_CALLER
    ) {
      return true;
    }
    throw unauthorized(
      'send METRICS_TOKEN or the administrator token as "Authorization: Bearer <token>"',
    );
  }

  private isMetricsToken(request: CallerRequest): boolean {
    const expected = this.config.METRICS_TOKEN;
    const presented = presentedBearerToken(request);
    // Hashes have one length, so the comparison takes the same time whatever was sent.
    return (
      expected !== undefined &&
      presented !== undefined &&
      timingSafeEqual(sha256(presented), sha256(expected))
    );
  }
}
