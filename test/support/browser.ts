import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './built-hub';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots and traces of the browser tests, kept after the run (gitignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * Quiet and self-contained: no sandbox (CI runs as root in a container), no GPU, no QUIC, and no
 * background calls home (updates, sync, component downloads), in a profile of its own.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab in the browser's own profile. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with a fresh profile in a temp folder. Playwright's `launch` cannot
 * take `--user-data-dir`, so this uses a persistent context on the temp folder instead.
 */
export async function launchBrowser(
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<TestBrowser> {
  await access(CHROMIUM_PATH).catch(() => {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's chromium package or set CHROMIUM_PATH`,
    );
  });
  const profile = await mkdtemp(join(tmpdir(), 'samenloop-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: options.locale ?? 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      viewport: options.viewport ?? { width: 1366, height: 900 },
      deviceScaleFactor: 1,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as `test-artifacts/<folder>/<name>.png` and returns its path. */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  const dir = join(ARTIFACTS, folder);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export type { Page };
