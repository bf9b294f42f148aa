import { constants } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';

// O_EXCL alone already refuses any existing path, a planted symlink included; O_NOFOLLOW (absent
// on Windows) says the same to the kernel once more.
const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Creates `paths` as new files readable by their owner only (0600), in folders created 0700 where
 * missing, then lets `fill` write them. A path that exists (a file, or a link that would redirect
 * personal data elsewhere) is refused before anything is written; when `fill` fails, the files
 * created here are removed again.
 */
export async function writeNewPrivateFiles(
  folder: string,
  paths: readonly string[],
  fill: (files: FileHandle[]) => Promise<void>,
): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const files: FileHandle[] = [];
  try {
    for (const path of paths) files.push(await open(path, CREATE_NEW, 0o600).catch(refused(path)));
    await fill(files);
  } catch (error) {
    // The first failure is the one to report; a file left behind would only be an empty one.
    await Promise.all(
      files.map((file, index) =>
        file
          .close()
          .then(() => rm(paths[index]!))
          .catch(() => undefined),
      ),
    );
    throw error;
  }
  await Promise.all(files.map((file) => file.close()));
}

function refused(path: string) {
  return (error: NodeJS.ErrnoException): never => {
    if (error.code === 'EEXIST' || error.code === 'ELOOP') {
      throw new Error(`${path} exists already; refusing to overwrite it or follow a link there`);
    }
    throw error;
  };
}
