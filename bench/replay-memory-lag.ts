/**
 * The hub's own account of its workers' lag, from `GET /health/ready` (200 or 503 problem+json
 * alike): events each worker has still to process. A consumer that follows some event types only
 * checkpoints at the last of them, so its checkpoint alone cannot say it has caught up.
 */
interface LagDetails {
  workers?: { lag?: Record<string, { events: number }> };
}

export async function workerLagOf(hubUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${hubUrl}/health/ready`);
  const body = (await response.json()) as { details?: LagDetails; checks?: LagDetails };
  const lag = (body.details ?? body.checks)?.workers?.lag ?? {};
  return new Map(Object.entries(lag).map(([worker, { events }]) => [worker, events]));
}
