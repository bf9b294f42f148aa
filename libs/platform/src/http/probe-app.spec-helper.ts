import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, type NestAppMaker } from './http-app-factory';

/**
 * Registers the hooks that start `createHttpApp` on `rootModule` with `env` set, before the tests
 * of the file, and close it and restore the environment after them. `app` is there once started.
 */
export function probeHttpApp(
  rootModule: Type<unknown>,
  env: Record<string, string>,
  makeApp?: NestAppMaker,
): { readonly app: NestFastifyApplication } {
  const probe = {} as { app: NestFastifyApplication };
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, env);
    probe.app = await createHttpApp(rootModule, { openApi: { title: 'Probe API' }, makeApp });
    await probe.app.init();
    await probe.app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await probe.app?.close();
    process.env = savedEnv;
  });

  return probe;
}
