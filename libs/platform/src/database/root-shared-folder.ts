import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Root's own folder outside any home folder, for what root hands to the `postgres` user: a clone
 * under a private folder (root's home is 0700 in most containers) is out of that user's reach.
 */
const ROOT_SHARED_DIR = '/var/lib/samenloop';

/**
 * `<ROOT_SHARED_DIR>/<name>`, created when absent. Anything found there that another user could
 * have planted (a symbolic link, a folder others may write) is refused.
 */
export async function rootSharedFolder(name: string): Promise<string> {
  const folder = join(ROOT_SHARED_DIR, name);
  await mkdir(folder, { recursive: true, mode: 0o755 });
  await assertRootOwnedFolder(ROOT_SHARED_DIR);
  await assertRootOwnedFolder(folder);
  return folder;
}

export async function assertRootOwnedFolder(path: string): Promise<void> {
  const info = await lstat(path);
  if (!info.isDirectory() || info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new Error(
      `${path} must be a folder owned by root that only root may write; remove it and start again`,
    );
  }
}
