import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { loggingParams } from './logging.options';

/**
 * Structured JSON logs with pino at LOG_LEVEL, with a request id on every line logged during a
 * request. `createHttpApp` makes it the application's logger, so `new Logger(context)` from
 * @nestjs/common logs through it too.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => loggingParams(config),
    }),
  ],
  exports: [LoggerModule],
})
export class LoggingModule {}
