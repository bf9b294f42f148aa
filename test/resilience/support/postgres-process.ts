import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../support/built-hub';

/**
 * The built platform's embedded PostgreSQL, run in a process of its own: the binaries' package is
 * an ES module that Jest's runtime cannot load, and a process is what the test stops and starts.
 */
const LAUNCH = `
const { startEmbeddedPostgres } = require(process.env.PLATFORM);
startEmbeddedPostgres({ dataDir: process.env.CLUSTER_DIR, port: Number(process.env.CLUSTER_PORT) })
  .then((server) => {
    process.stdout.write('url ' + server.url + '\\n');
    process.once('SIGTERM', () => server.stop().then(() => process.exit(0)));
  })
  .catch((error) => { process.stderr.write(String(error) + '\\n'); process.exit(1); });
`;

export class PostgresProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(dataDir: string, port: number): Promise<PostgresProcess> {
    const child = spawn(process.execPath, ['-e', LAUNCH], {
      env: {
        ...process.env,
        PLATFORM: join(ROOT, 'dist/libs/platform/src/index.js'),
        CLUSTER_DIR: dataDir,
        CLUSTER_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /^url (\S+)$/m.exec(output)?.[1];
        if (url) resolve(new PostgresProcess(child, url));
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) =>
        reject(new Error(`embedded PostgreSQL exited (${code}) before it started: ${output}`)),
      );
    });
  }

  /** A clean shutdown, as an operator's `pg_ctl stop` would do. */
  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
