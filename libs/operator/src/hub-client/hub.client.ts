import { HubRequestError } from './hub-request.errors';

export interface HubClientOptions {
  baseUrl: string;
  token?: string;
}

interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** A small client of the hub's HTTP API that turns problem+json answers into one-line errors. */
export class HubClient {
  private readonly baseUrl: string;

  constructor(private readonly options: HubClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  withToken(token: string): HubClient {
    return new HubClient({ ...this.options, token });
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: T }> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': contentType }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new HubRequestError(
        `cannot reach the hub at ${this.baseUrl}: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`,
      );
    }
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) throw problemError(response.status, parsed as ProblemBody | undefined);
    return { status: response.status, body: parsed as T };
  }
}

function problemError(status: number, problem: ProblemBody | undefined): HubRequestError {
  const fields = problem?.errors?.map((error) => `${error.path} ${error.message}`).join('; ');
  const what = problem?.detail ?? problem?.title ?? 'request failed';
  const suffix = problem?.type?.split('/').pop();
  return new HubRequestError(
    `${status}${suffix ? ` ${suffix}` : ''}: ${what}${fields && !what.includes(fields) ? ` (${fields})` : ''}`,
    status,
    suffix,
  );
}
