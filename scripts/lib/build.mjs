// The one build behind `npm run build`, `npm run serve`, `npm start` and the test suites: the
// Electron main process and the server (electron-vite → out/main, out/server) and the browser bundle
// (Vite → out/renderer). Plain JavaScript, so `serve` can check it without any dev dependency.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the build writes; each must exist and be newer than every input. */
export const OUTPUTS = [
  'out/main/index.js',
  'out/server/cli.js',
  'out/server/start.js',
  'out/renderer/app.js',
];
const INPUTS = ['server', 'main', 'renderer', 'package.json', 'package-lock.json', 'electron.vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** `missing`, `stale` (a source file is newer than the bundle) or `fresh`. */
export function buildState(root = ROOT) {
  const outputs = OUTPUTS.map((p) => join(root, p));
  if (outputs.some((p) => !existsSync(p))) return 'missing';
  const oldestOutput = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  const newestInput = Math.max(...INPUTS.map((p) => newestMtime(join(root, p))));
  return newestInput > oldestOutput ? 'stale' : 'fresh';
}

/** True when the build tools (dev dependencies) are installed next to this project. */
export function canBuild(root = ROOT) {
  try {
    const require = createRequire(join(root, 'package.json'));
    require.resolve('electron-vite/package.json');
    require.resolve('vite/package.json');
    return true;
  } catch {
    return false;
  }
}

function run(bin, args, root) {
  const require = createRequire(join(root, 'package.json'));
  const pkg = require.resolve(`${bin.pkg}/package.json`);
  const script = join(dirname(pkg), bin.path);
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`${bin.pkg} build failed (exit ${result.status ?? result.signal})`);
}

/** Builds everything, from scratch: stale chunks of an earlier build never linger in out/. */
export function build(root = ROOT) {
  for (const dir of ['out/main', 'out/server']) rmSync(join(root, dir), { recursive: true, force: true });
  run({ pkg: 'electron-vite', path: 'bin/electron-vite.js' }, ['build', '--ignoreConfigWarning'], root);
  run(
    { pkg: 'vite', path: 'bin/vite.js' },
    ['build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    root,
  );
}

/** Builds when the bundle is missing or older than the source; says what it did. */
export function buildIfNeeded(root = ROOT, log = (line) => console.log(line)) {
  const state = buildState(root);
  if (state === 'fresh') return state;
  if (!canBuild(root)) return state;
  log(state === 'missing' ? 'BagTrax: building (first run)…' : 'BagTrax: the source changed, rebuilding…');
  build(root);
  return state;
}
