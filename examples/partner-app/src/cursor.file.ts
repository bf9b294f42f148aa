import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * Where this system is in its feed, kept in a file: after a restart it resumes after the last
 * event it finished with. Written to a temporary file and renamed, so a crash never leaves half a
 * number behind.
 */
export class CursorFile {
  constructor(private readonly path: string) {}

  async load(): Promise<number> {
    try {
      return Number((await readFile(this.path, 'utf8')).trim());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  async save(cursor: number): Promise<void> {
    await writeFile(`${this.path}.tmp`, `${cursor}\n`);
    await rename(`${this.path}.tmp`, this.path);
  }
}
