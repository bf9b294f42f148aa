/**
 * Whether `dist/` was built from the sources as they are now, so `npm start` can skip a build
 * that would change nothing. `npm run build` calls `begin` first and `done` after it succeeded:
 * the stamp records when the last successful build started, so a file changed during a build,
 * or a build that failed halfway, still counts as stale.
 *
 *   node scripts/build-freshness.cjs begin   before a build: forget the stamp, note the start
 *   node scripts/build-freshness.cjs done    after a successful build: the stamp
 *   node scripts/build-freshness.cjs start   before `npm start`: build unless dist/ is current
 */
const { spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { join } = require('node:path');

const STAMP = join('dist', '.build-stamp');
const STARTED = join('dist', '.build-started');
/** What the build reads: the compiled folders (the dashboard included) and their configuration. */
const SOURCES = ['apps', 'libs', 'bench', 'package.json', 'package-lock.json'];
const SOURCE_FILE_PATTERN = /^tsconfig.*\.json$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);
/** Outputs without which `npm start` and the command line cannot run, whatever the stamp says. */
const OUTPUTS = [
  join('dist', 'apps', 'hub', 'src', 'main.js'),
  join('dist', 'apps', 'cli', 'src', 'main.js'),
  join('dist', 'dashboard', 'index.html'),
];

/** The newest modification time (ms) of any file or folder the build reads under `root`. */
function newestSourceTime(root) {
  const tops = [
    ...SOURCES,
    ...readdirSync(root).filter((name) => SOURCE_FILE_PATTERN.test(name)),
  ].map((name) => join(root, name));
  return Math.max(0, ...tops.filter((path) => existsSync(path)).map(newestUnder));
}

function newestUnder(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
    newest = Math.max(newest, newestUnder(join(path, entry.name)));
  }
  return newest;
}

/** Why `dist/` under `root` must be built again, or undefined when it is current. */
function staleReason(root) {
  const stamp = readTime(join(root, STAMP));
  if (stamp === undefined) return 'no successful build is recorded';
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  if (newestSourceTime(root) >= stamp) return 'sources changed since the last build';
  return undefined;
}

function readTime(path) {
  try {
    const time = Number(readFileSync(path, 'utf8'));
    return Number.isFinite(time) ? time : undefined;
  } catch {
    return undefined;
  }
}

function begin(root) {
  mkdirSync(join(root, 'dist'), { recursive: true });
  rmSync(join(root, STAMP), { force: true });
  writeFileSync(join(root, STARTED), String(Date.now()));
}

function done(root) {
  renameSync(join(root, STARTED), join(root, STAMP));
}

function start(root) {
  const reason = staleReason(root);
  if (reason === undefined) {
    console.log('dist/ is current: skipping the build (`npm run build` forces one)');
    return 0;
  }
  console.log(`building: ${reason}`);
  return spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1;
}

module.exports = { begin, done, newestSourceTime, staleReason };

if (require.main === module) {
  const root = join(__dirname, '..');
  const step = { begin, done, start }[process.argv[2]];
  if (!step) {
    console.error('usage: node scripts/build-freshness.cjs begin|done|start');
    process.exit(2);
  }
  process.exitCode = step(root) ?? 0;
}
