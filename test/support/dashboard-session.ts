import type { WorkersStatus } from '@samenloop/read-models';
import { METRICS_TOKEN, type HubHarness } from './hub-harness';

/** Waits until every projection has passed `position`. */
export async function projectedUpTo(hub: HubHarness, position: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = (await hub.get('/health/projections', { token: METRICS_TOKEN })) as {
      body: WorkersStatus;
    };
    if (body.projections.every(({ checkpoint }) => (checkpoint ?? 0) >= position)) return;
    if (Date.now() > deadline) throw new Error(`projections behind: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signs in at the dashboard, as the hub's own pages do (same origin); the session cookie. */
export async function signIn(hub: HubHarness, username: string, password: string): Promise<string> {
  const response = await fetch(`${hub.url}/v1/dashboard/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: hub.url },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}
