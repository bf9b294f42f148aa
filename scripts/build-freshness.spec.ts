import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { begin, done, staleReason } from './build-freshness.cjs';

describe('whether npm start must build first', () => {
  let root: string;
  const HOUR_AGO = (Date.now() - 3_600_000) / 1000;

  const write = (path: string, time = HOUR_AGO) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), path);
    utimesSync(join(root, path), time, time);
    utimesSync(dirname(join(root, path)), time, time);
  };
  /** A modification time after the recorded build start, as a later edit would leave. */
  const afterTheBuildStarted = () =>
    Number(readFileSync(join(root, 'dist/.build-stamp'))) / 1000 + 1;
  const build = () => {
    begin(root);
    for (const output of ['hub', 'cli']) write(`dist/apps/${output}/src/main.js`);
    write('dist/dashboard/index.html');
    done(root);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'samenloop-freshness-'));
    for (const source of [
      'apps/hub/src/main.ts',
      'apps/dashboard/src/app.tsx',
      'libs/domain/src/index.ts',
      'bench/store.bench.ts',
      'tsconfig.json',
      'tsconfig.build.json',
      'package.json',
      'package-lock.json',
    ]) {
      write(source);
    }
    for (const folder of ['apps/hub/src', 'apps/hub', 'apps', 'libs', 'bench']) {
      utimesSync(join(root, folder), HOUR_AGO, HOUR_AGO);
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds when no build was ever recorded', () => {
    expect(staleReason(root)).toBe('no successful build is recorded');
  });

  it('skips the build when nothing changed since the last successful one', () => {
    build();
    expect(staleReason(root)).toBeUndefined();
  });

  it.each([
    'apps/hub/src/main.ts',
    'apps/dashboard/src/app.tsx',
    'libs/domain/src/index.ts',
    'tsconfig.build.json',
    'package-lock.json',
  ])('builds again after %s changed', (source) => {
    build();
    write(source, afterTheBuildStarted());
    expect(staleReason(root)).toBe('sources changed since the last build');
  });

  it('builds again after a new source file appeared', () => {
    build();
    write('libs/domain/src/new.ts', afterTheBuildStarted());
    expect(staleReason(root)).toBe('sources changed since the last build');
  });

  it('ignores what the build and npm write: dist/ and node_modules/', () => {
    build();
    write('apps/dashboard/node_modules/.vite/deps.json', afterTheBuildStarted());
    utimesSync(join(root, 'apps/dashboard'), HOUR_AGO, HOUR_AGO);
    write('dist/apps/hub/src/extra.js', afterTheBuildStarted());
    expect(staleReason(root)).toBeUndefined();
  });

  it('builds again when a source changed while the last build ran', () => {
    begin(root);
    write(
      'libs/domain/src/index.ts',
      Number(readFileSync(join(root, 'dist/.build-started'))) / 1000 + 1,
    );
    for (const output of ['hub', 'cli']) write(`dist/apps/${output}/src/main.js`);
    write('dist/dashboard/index.html');
    done(root);
    expect(staleReason(root)).toBe('sources changed since the last build');
  });

  it('builds again after a build that failed halfway', () => {
    build();
    begin(root);
    expect(staleReason(root)).toBe('no successful build is recorded');
  });

  it('builds again when an output the start needs is missing', () => {
    build();
    rmSync(join(root, 'dist/dashboard/index.html'));
    expect(staleReason(root)).toBe('dist/dashboard/index.html is missing');
  });
});
