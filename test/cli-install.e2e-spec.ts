import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuiltProcess, ROOT } from './support/built-hub';

// The built command line as a newcomer runs it after `npm run build`: directly, and through the
// package's `bin` entry with `npx samenloop`.
describe('the built command line', () => {
  let manifest: { version: string; bin: Record<string, string> };
  beforeAll(async () => {
    manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  });

  it('prints the package version with --version and exits 0', async () => {
    const exit = await BuiltProcess.start('cli', {}, { args: ['--version'] }).exit;

    expect(exit).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('runs as `npx samenloop` from its bin entry, which starts with a node shebang', async () => {
    const bin = join(ROOT, manifest.bin.samenloop);
    expect((await readFile(bin, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');

    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'samenloop', '-V'], {
      cwd: ROOT,
    });

    expect(stdout).toBe(`${manifest.version}\n`);
  });
});
