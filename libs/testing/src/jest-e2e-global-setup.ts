import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import databaseSetup from './jest-global-setup';

/**
 * End-to-end tests run the hub and the command line as operators do, from `dist/`: build once
 * for the whole run so every e2e file sees the same, current build.
 */
export default async function e2eGlobalSetup(): Promise<void> {
  await databaseSetup();
  if (process.env.SAMENLOOP_E2E_SKIP_BUILD === '1') return;
  await promisify(execFile)('npm', ['run', 'build'], { cwd: join(__dirname, '../../..') }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm run build failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    },
  );
}
