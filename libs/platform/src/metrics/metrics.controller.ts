import { Controller, Get, Header, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { OperatorGuard } from '../protection/operator.guard';

collectDefaultMetrics({ register, prefix: 'samenloop_' });

/**
 * Prometheus scrape endpoint; every lib registers its metrics on prom-client's default registry.
 * Its labels name partners and subscriptions, so only operators may read it.
 */
@ApiExcludeController()
@UseGuards(OperatorGuard)
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
