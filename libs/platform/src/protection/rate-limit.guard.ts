import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

interface TrackedRequest {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

/**
 * Limits per caller rather than per address: partners behind one gateway share an IP, while each
 * holds its own token. The token is only hashed, never kept.
 */
@Injectable()
export class PerCallerThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: TrackedRequest): Promise<string> {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string' && authorization.length > 0) {
      return `token:${createHash('sha256').update(authorization).digest('hex')}`;
    }
    return `ip:${request.ip ?? 'unknown'}`;
  }
}
