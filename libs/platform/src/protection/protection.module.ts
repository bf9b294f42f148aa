import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config';
import { PerCallerThrottlerGuard } from './rate-limit.guard';

/** Rate limits per caller (RATE_LIMIT_PER_SECOND; 0 turns them off): 429 with Retry-After. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: 1_000, limit: config.RATE_LIMIT_PER_SECOND }],
        skipIf: () => config.RATE_LIMIT_PER_SECOND === 0,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: PerCallerThrottlerGuard }],
})
export class ProtectionModule {}
