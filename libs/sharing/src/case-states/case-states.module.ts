import { Global, Module } from '@nestjs/common';
import { CaseStates } from './case-states';

/**
 * The intake's case states for the whole process: imported by the intake, found by the workers
 * that run beside it (a process without an intake has none to share).
 */
@Global()
@Module({ providers: [CaseStates], exports: [CaseStates] })
export class CaseStatesModule {}
