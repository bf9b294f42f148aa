import { Module } from '@nestjs/common';
import { AsyncApiController } from './asyncapi/asyncapi.controller';

@Module({ controllers: [AsyncApiController] })
export class ContractsModule {}
