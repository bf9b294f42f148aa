import { Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { identifyCaller, type CallerRequest } from './caller-identity';

interface TrackedRequest extends CallerRequest {
  ip?: string;
}

/**
 * Limits per authenticated caller: partners behind one gateway share an address, while each holds
 * its own token. A request without a valid credential counts against its client address (as
 * TRUST_PROXY sees it), so made-up tokens do not buy fresh buckets.
 */
@Injectable()
export class PerCallerThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(request: TrackedRequest): Promise<string> {
    const caller = await identifyCaller(this.moduleRef, request);
    return caller === undefined ? `ip:${request.ip ?? 'unknown'}` : `caller:${caller}`;
  }
}
