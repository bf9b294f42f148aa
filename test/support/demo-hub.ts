import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BuiltProcess } from './built-hub';

/** The built hub on its own embedded PostgreSQL, with demo accounts and a pilot played into it. */
export interface DemoHub {
  hub: BuiltProcess;
  url: string;
  adminToken: string;
  /** The hub's DATA_DIR, removed by `stop`. */
  dataDir: string;
  /** What `samenloop demo` printed (the partners' new tokens among it). */
  demoOutput: string;
  stop(): Promise<void>;
}

/**
 * Starts the built hub in a temp data folder with every demo account's password `password`, and
 * plays `samenloop demo --clients <clients> --seed <seed>` into it.
 */
export async function startDemoHub(options: {
  name: string;
  password: string;
  clients: number;
  seed: number;
  env?: Record<string, string>;
}): Promise<DemoHub> {
  const dataDir = await mkdtemp(join(tmpdir(), `samenloop-${options.name}-`));
  const hub = BuiltProcess.start('hub', {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_ACCOUNT_PASSWORD: options.password,
    // The pilot posts a year of signals in seconds; the BSN throttle is for real time.
    BSN_SIGNALS_PER_MINUTE: '100000',
    ...options.env,
  });
  const stop = async () => {
    await hub.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await hub.ready(120_000);
    const adminToken = /admin \(SAMENLOOP_ADMIN_TOKEN\)\s+(\S+)/.exec(hub.stdout)?.[1];
    if (!adminToken) throw new Error(`the hub printed no admin token:\n${hub.stdout}`);
    const demo = BuiltProcess.start(
      'cli',
      {},
      {
        args: [
          ...['--url', url, '--admin-token', adminToken, 'demo'],
          ...['--clients', String(options.clients), '--seed', String(options.seed)],
        ],
      },
    );
    const ran = await demo.exit;
    if (ran.code !== 0) {
      throw new Error(`samenloop demo failed (${ran.code}):\n${ran.stdout}${ran.stderr}`);
    }
    return { hub, url, adminToken, dataDir, demoOutput: ran.stdout, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Every console error and uncaught exception of the page (a CSP violation is one), except the 401
 * with which the page learns that nobody is signed in yet: a journey ends expecting none.
 */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}
