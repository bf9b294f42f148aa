import { SamenloopClient } from '@samenloop/partner-client';
import { CursorFile } from './cursor.file';
import { GgzApp } from './ggz.app';

/** Follows the team's feed over server-sent events until stopped (Ctrl-C), taking on referrals. */
async function main(): Promise<void> {
  const setting = (name: string, fallback?: string): string => {
    const value = process.env[name] ?? fallback;
    if (value === undefined) throw new Error(`set ${name}`);
    return value;
  };
  const partnerId = setting('SAMENLOOP_PARTNER_ID', 'ggz-oost-brabant');
  const hub = new SamenloopClient({
    url: setting('SAMENLOOP_URL', 'http://localhost:3000'),
    token: setting('SAMENLOOP_TOKEN'),
    partnerId,
  });
  const app = new GgzApp(hub, partnerId, new CursorFile(setting('CURSOR_FILE', '.cursor')));
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  await app.streamFeed(stop.signal);
}

main().catch((error: Error) => {
  console.error(`partner app: ${error.message}`);
  process.exitCode = 1;
});
