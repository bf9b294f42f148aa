/**
 * The built hub (`dist/apps/hub/src/main.js`) in its own process on the bench's database, serving
 * the API only unless asked otherwise (WORKERS=off: its projection, delivery and audit workers
 * would otherwise start working through the bench log while the dashboard is measured). Its first start migrates the
 * database and creates the demo partners and their case leads' accounts. Every hub a bench
 * process starts has the same keys and password, as restarts of one deployment have.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { npmStartFlags, startServer, type Server } from './intake-processes';

export interface Hub extends Server {
  /** Signs in as the partner's demo case lead; returns the session's Cookie header. */
  signIn(partnerId: string): Promise<string>;
}

export interface HubOptions {
  /** Its projection, delivery and audit workers on (off unless asked). */
  workers?: boolean;
  /**
   * The dashboard's access log on (unless asked): off, the hub is `projections-unlogged-hub.ts`,
   * the hub's module with an access log that records nothing.
   */
  accessLog?: boolean;
}

const key = () => randomBytes(32).toString('base64');
const SECRETS = {
  DEMO_ACCOUNT_PASSWORD: randomBytes(18).toString('base64url'),
  SAMENLOOP_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  SAMENLOOP_MASTER_KEY: key(),
  SAMENLOOP_BSN_HASH_KEY: key(),
  SAMENLOOP_PSEUDONYM_KEY: key(),
};

export async function startHub(
  root: string,
  databaseUrl: string,
  workDir: string,
  options: HubOptions = {},
): Promise<Hub> {
  const server = await startServer({
    script:
      options.accessLog === false
        ? join(__dirname, 'projections-unlogged-hub.js')
        : join(root, 'dist/apps/hub/src/main.js'),
    cwd: root,
    nodeArgs: npmStartFlags(root),
    env: {
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(workDir, 'hub-data'),
      LOG_LEVEL: process.env.BENCH_HUB_LOG_LEVEL || 'info',
      WORKERS: options.workers ? 'on' : 'off',
      DEMO_PARTNERS: 'on',
      // The per-caller rate limit would answer part of the load 429: the bench measures latency.
      RATE_LIMIT_PER_SECOND: '0',
      BSN_SIGNALS_PER_MINUTE: '100000',
      ...SECRETS,
    },
    logFile: join(workDir, 'hub.log'),
    // Readiness stays down while its workers trail the log: with them on, it is up once live.
    readyPath: options.workers ? '/health/live' : '/health/ready',
    ready: (status) => status === 200,
  });
  return {
    ...server,
    signIn: async (partnerId) => {
      const response = await fetch(`${server.url}/v1/dashboard/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({
          username: `lead@${partnerId}`,
          password: SECRETS.DEMO_ACCOUNT_PASSWORD,
        }),
      });
      const cookie = response.headers.get('set-cookie')?.split(';')[0];
      if (response.status !== 200 || !cookie) {
        throw new Error(
          `signing in as lead@${partnerId}: ${response.status} ${await response.text()}`,
        );
      }
      return cookie;
    },
  };
}
