/**
 * bench:projections' baseline for what the NEN 7513 access log costs a dashboard read: the hub's
 * own module, set up as `dist/apps/hub/src/main.js` sets it up, with the dashboard's access log
 * replaced by one that records nothing. It lives here and not in the hub, whose access log cannot
 * be turned off.
 *
 * Started by projections-hub.ts as `node dist/bench/projections-unlogged-hub.js`.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runHttpApp } from '@samenloop/platform';
import { DashboardAccessLog } from '@samenloop/read-models';
import { HUB_HTTP_OPTIONS, HubModule } from '../apps/hub/src/hub.module';

const recordsNothing: Pick<DashboardAccessLog, 'viewed'> = {
  viewed: async (_viewer, shown) => shown.answer,
};

void runHttpApp(HubModule, {
  name: 'hub (bench: dashboard access log off)',
  ...HUB_HTTP_OPTIONS,
  makeApp: async (rootModule, adapter, options) => {
    const compiled = await Test.createTestingModule({ imports: [rootModule] })
      .overrideProvider(DashboardAccessLog)
      .useValue(recordsNothing)
      .compile();
    return compiled.createNestApplication<NestFastifyApplication>(adapter, options);
  },
});
