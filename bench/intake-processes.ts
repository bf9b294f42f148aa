/**
 * The servers under load run as processes of their own, as operators run them, so that the load
 * generator in the bench process does not share their event loop. Their output goes to a log file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface ServerSpec {
  script: string;
  /** The project root: the hub reads config/ from its working directory. */
  cwd: string;
  /** Options for node itself, such as `--cpu-prof`. */
  nodeArgs?: readonly string[];
  env: Record<string, string>;
  logFile: string;
  /** Answered with `ready` once the server is up. */
  readyPath: string;
  ready: (status: number) => boolean;
  timeoutMs?: number;
}

export async function startServer(spec: ServerSpec): Promise<Server> {
  const port = await freePort();
  const log = openSync(spec.logFile, 'a');
  // The parent's DATABASE_URL names the server, not the bench's database: never pass it on.
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.script], {
    cwd: spec.cwd,
    env: { ...inherited, ...spec.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${url}${spec.readyPath}`, spec.ready, spec.timeoutMs ?? 120_000);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const output = await readFile(spec.logFile, 'utf8').catch(() => '');
    throw new Error(`${spec.script} did not start:\n${output.slice(-2_000)}`, { cause: error });
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitUntilReady(
  child: ChildProcess,
  url: string,
  ready: (status: number) => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (ready(status)) return;
    await sleep(200);
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The node options `npm start` gives the hub (its heap limit), from package.json. */
export function npmStartFlags(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}
