import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** The system clock for every module that records a time; tests override `Clock` once for all. */
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
