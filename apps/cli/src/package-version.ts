import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version in the project's package.json, found by walking up from this file: the command line
 * runs from the sources in tests and from `dist/` when built, at different depths.
 */
export function packageVersion(from = __dirname): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const manifest = readManifest(join(folder, 'package.json'));
    if (manifest?.name === 'samenloop' && typeof manifest.version === 'string') {
      return manifest.version;
    }
    if (dirname(folder) === folder) throw new Error(`no samenloop package.json above ${from}`);
  }
}

function readManifest(path: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
