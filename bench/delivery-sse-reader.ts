/**
 * A worker thread of the delivery bench that reads one partner's `GET /v1/feed/stream` and posts
 * `[id, arrivedAt]` for each CloudEvent. Its own event loop stamps the arrivals, so the bench's
 * sending at 500/s cannot delay them.
 */
import { parentPort, workerData } from 'node:worker_threads';

const { url, token } = workerData as { url: string; token: string };

async function read(): Promise<void> {
  const response = await fetch(`${url}/v1/feed/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`the event stream answered ${response.status}: ${await response.text()}`);
  }
  parentPort!.postMessage({ open: true });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    const arrivedAt = Date.now();
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) parentPort!.postMessage({ id: (JSON.parse(data) as { id: string }).id, arrivedAt });
    }
  }
}

read().catch((error: unknown) => parentPort!.postMessage({ error: (error as Error).message }));
