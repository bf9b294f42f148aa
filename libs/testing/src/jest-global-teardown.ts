import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const embedded = globalThis.samenloopTestPostgres;
  if (!embedded) return;
  globalThis.samenloopTestPostgres = undefined;
  delete process.env.SAMENLOOP_TEST_SERVER_URL;
  await embedded.server.stop();
  await rm(embedded.dataDir, { recursive: true, force: true });
}
