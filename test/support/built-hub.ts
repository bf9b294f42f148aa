import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A built app (`dist/apps/<app>/src/main.js`, made by the e2e global setup) running as its own
 * process, as operators run it. DATABASE_URL is not inherited: each test says which server to use.
 */
export class BuiltProcess {
  readonly exit: Promise<Exit>;
  private stdoutSoFar = '';

  /** `group`: the child leads a process group of its own (npm and the hub it starts). */
  private constructor(
    readonly child: ChildProcess,
    private readonly group = false,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.stdoutSoFar += chunk.toString()));
    this.exit = exited(child);
  }

  static start(
    app: 'hub' | 'cli',
    env: Record<string, string>,
    options: { args?: string[]; uid?: number; gid?: number } = {},
  ): BuiltProcess {
    return new BuiltProcess(
      spawn(
        process.execPath,
        [join(ROOT, `dist/apps/${app}/src/main.js`), ...(options.args ?? [])],
        {
          cwd: ROOT,
          env: processEnv(env),
          stdio: ['ignore', 'pipe', 'pipe'],
          uid: options.uid,
          gid: options.gid,
        },
      ),
    );
  }

  /** `npm start` in the checkout at `cwd`, as a newcomer runs it; `stop` signals npm's hub too. */
  static npmStart(cwd: string, env: Record<string, string>): BuiltProcess {
    return new BuiltProcess(
      spawn('npm', ['start'], {
        cwd,
        env: processEnv(env),
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      }),
      true,
    );
  }

  /** The built hub on `databaseUrl`, on a free port of 127.0.0.1, with `env` over that. */
  static startHub(databaseUrl: string, env: Record<string, string> = {}): BuiltProcess {
    return BuiltProcess.start('hub', {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
  }

  get stdout(): string {
    return this.stdoutSoFar;
  }

  /** The URL from the hub's "listening on" log line (start it on port 0). */
  listeningUrl(): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = /listening on (http:\/\/\S+?)[\s"]/.exec(this.stdoutSoFar);
        if (!match) return false;
        this.child.stdout!.off('data', check);
        resolve(match[1]!);
        return true;
      };
      if (check()) return;
      this.child.stdout!.on('data', check);
      void this.exit.then(({ code, stderr }) =>
        reject(
          new Error(`the process exited (${code}) before listening:\n${this.stdoutSoFar}${stderr}`),
        ),
      );
    });
  }

  /** Starts on port 0 and resolves with the base URL once /health/ready answers 200. */
  async ready(timeoutMs = 60_000): Promise<string> {
    const url = await this.listeningUrl();
    await waitForStatus(`${url}/health/ready`, 200, timeoutMs);
    return url;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (this.group) process.kill(-this.child.pid!, signal);
      else this.child.kill(signal);
    }
    return this.exit;
  }
}

/** This process's environment but DATABASE_URL, with LOG_LEVEL=info and `env` over that. */
function processEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _inherited, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'info', ...env };
}

function exited(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

export async function waitForStatus(url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === status) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms: ${last}`);
}
