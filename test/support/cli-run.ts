import { runProgram } from '@samenloop/operator';
import { HubSecrets } from '@samenloop/platform';
import type { HubHarness } from './hub-harness';

export interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** Runs the command line in-process with `args`, keeping the lines it prints. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProgram(args, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
  });
  return { code, out, err };
}

/** What an operator's shell on `hub`'s host would hand the command line: its database and keys. */
export function hubShellEnv(hub: HubHarness, dataDir: string, sealKey: string): NodeJS.ProcessEnv {
  const secrets = hub.app.get(HubSecrets);
  return {
    DATABASE_URL: hub.db.url,
    DATA_DIR: dataDir,
    SAMENLOOP_MASTER_KEY: secrets.masterKey.toString('base64'),
    SAMENLOOP_BSN_HASH_KEY: secrets.bsnHashKey.toString('base64'),
    SAMENLOOP_PSEUDONYM_KEY: secrets.pseudonymKey.toString('base64'),
    SAMENLOOP_SEAL_KEY: sealKey,
  };
}
