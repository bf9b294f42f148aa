import { backoffDelayMs, retryAfterMs, sendWithRetry, type RetryOptions } from './retry';

const OPTIONS: RetryOptions = { attempts: 4, firstDelayMs: 100, maxDelayMs: 1_000 };

/** A `send` that answers `answers` in turn: a status (with headers) or an error to throw. */
function hub(...answers: (number | [number, Record<string, string>] | Error)[]) {
  const calls: number[] = [];
  const send = async () => {
    const answer = answers[calls.length];
    calls.push(calls.length);
    if (answer instanceof Error) throw answer;
    const [status, headers] = typeof answer === 'number' ? [answer, {}] : answer!;
    return new Response(status === 204 ? null : '{}', { status, headers });
  };
  return { send, calls };
}

/** Records the waits instead of waiting. */
function sleeper() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('backoff with full jitter', () => {
  it('waits a random time up to a ceiling that doubles with each retry', () => {
    const most = () => 0.999_999;
    expect([0, 1, 2, 3].map((retry) => backoffDelayMs(retry, OPTIONS, most))).toEqual([
      99, 199, 399, 799,
    ]);
    expect(backoffDelayMs(3, OPTIONS, () => 0.5)).toBe(400);
    expect(backoffDelayMs(3, OPTIONS, () => 0)).toBe(0);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(backoffDelayMs(30, OPTIONS, () => 0.999_999)).toBe(999);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-03-01T09:30:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('3', now)).toBe(3_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 09:30:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Sun, 01 Mar 2026 09:29:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable header', () => {
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs('-1', now)).toBeUndefined();
  });
});

describe('sending with retries', () => {
  it('retries 429 and 503, waiting as long as Retry-After says', async () => {
    const { send, calls } = hub([429, { 'retry-after': '1' }], [503, { 'retry-after': '0' }], 201);
    const { waits, sleep } = sleeper();

    const response = await sendWithRetry(send, { options: OPTIONS, sleep });

    expect(response.status).toBe(201);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([1_000, 0]);
  });

  it('retries network failures and gateway errors with growing backoff', async () => {
    const { send, calls } = hub(new TypeError('fetch failed'), 502, 504, 200);
    const { waits, sleep } = sleeper();

    const response = await sendWithRetry(send, {
      options: OPTIONS,
      sleep,
      random: () => 0.999_999,
    });

    expect(response.status).toBe(200);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([99, 199, 399]);
  });

  it.each([400, 401, 403, 404, 409, 413, 415, 422, 500])(
    'never sends a %i refusal again',
    async (status) => {
      const { send, calls } = hub(status, 201);
      const { waits, sleep } = sleeper();

      const response = await sendWithRetry(send, { options: OPTIONS, sleep });

      expect(response.status).toBe(status);
      expect(calls).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );

  it('answers the last response once the attempts are spent', async () => {
    const { send, calls } = hub(503, 503, 503, 503, 201);
    const { sleep } = sleeper();

    const response = await sendWithRetry(send, { options: OPTIONS, sleep });

    expect(response.status).toBe(503);
    expect(calls).toHaveLength(OPTIONS.attempts);
  });

  it('throws the last network error once the attempts are spent', async () => {
    const failure = new TypeError('fetch failed');
    const { send, calls } = hub(failure, failure, failure, failure);
    const { sleep } = sleeper();

    await expect(sendWithRetry(send, { options: OPTIONS, sleep })).rejects.toBe(failure);
    expect(calls).toHaveLength(OPTIONS.attempts);
  });

  it('gives up at once when Retry-After asks for longer than maxDelayMs', async () => {
    const { send, calls } = hub([503, { 'retry-after': '60' }], 201);
    const { sleep } = sleeper();

    const response = await sendWithRetry(send, { options: OPTIONS, sleep });

    expect(response.status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('stops when the caller aborts', async () => {
    const abort = new AbortController();
    const { sleep } = sleeper();
    const send = async () => {
      abort.abort();
      throw new DOMException('aborted', 'AbortError');
    };

    await expect(
      sendWithRetry(send, { options: OPTIONS, sleep, signal: abort.signal }),
    ).rejects.toThrow('aborted');
  });
});
