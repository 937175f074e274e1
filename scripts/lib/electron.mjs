// Finds the Electron binary `npm start` launches, fetching it through the electron package's own
// install path when it is not there yet (Electron 44+ no longer fetches it at `npm install`).
// Honours ELECTRON_EXEC_PATH (electron-vite's), and through the electron package itself
// ELECTRON_OVERRIDE_DIST_PATH, ELECTRON_MIRROR and electron_config_cache.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const MARKER = 'BAGTRAX_ELECTRON_PATH=';
/** Electron's own tooling (`@electron/get`) asks for this Node; older ones may still manage. */
const TOOLING_NODE = [22, 12];

/** An error whose message is the one sentence `npm start` prints. */
export class ElectronUnavailable extends Error {}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function electronPackage(root) {
  const require = createRequire(join(root, 'package.json'));
  const pkgFile = require.resolve('electron/package.json');
  return { dir: pkgFile.slice(0, -'/package.json'.length), version: require(pkgFile).version };
}

/** True when the binary is already on disk, so no download will happen. */
function alreadyThere(dir, env) {
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pathFile = join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8')));
}

/** The first line of the installer's output that names what went wrong, without the stack. */
function reasonFrom(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !l.startsWith('Downloading Electron'));
  const specific = lines.find((l) => /error/i.test(l) && !/failed to install correctly/.test(l));
  return (specific ?? lines.find((l) => /error/i.test(l)) ?? lines[0] ?? 'no reason given').replace(
    /\.$/,
    '',
  );
}

function nodeTooOld() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major < TOOLING_NODE[0] || (major === TOOLING_NODE[0] && minor < TOOLING_NODE[1]);
}

/** The path of the Electron executable, fetching it once if needed; throws ElectronUnavailable. */
export function electronBinary(root, env = process.env, log = (line) => console.log(line)) {
  if (env.ELECTRON_EXEC_PATH) {
    if (isExecutable(env.ELECTRON_EXEC_PATH)) return env.ELECTRON_EXEC_PATH;
    throw new ElectronUnavailable(
      `The desktop app cannot start: ELECTRON_EXEC_PATH names ${env.ELECTRON_EXEC_PATH}, which is not an executable file: fix or unset it, or run \`npm run serve\` for the same server in a browser.`,
    );
  }
  let pkg;
  try {
    pkg = electronPackage(root);
  } catch {
    throw new ElectronUnavailable(
      'The electron package is not installed: run `npm install` (or `npm run serve` for the same server in a browser).',
    );
  }
  if (!alreadyThere(pkg.dir, env)) log(`BagTrax: fetching Electron ${pkg.version} (first start only)…`);
  // require('electron') is the package's documented way to get the path; it runs its installer
  // when the binary is missing. In a child, so its output and stack traces stay ours to word.
  const probe = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write('\\n${MARKER}' + require('electron') + '\\n')`],
    { cwd: root, env, encoding: 'utf8', timeout: 15 * 60_000 },
  );
  const found = (probe.stdout ?? '')
    .split('\n')
    .find((l) => l.startsWith(MARKER))
    ?.slice(MARKER.length);
  if (probe.status === 0 && found && isExecutable(found)) return found;
  const serve = 'or run `npm run serve` for the same server in a browser.';
  if (found) {
    throw new ElectronUnavailable(
      `The desktop app cannot start: Electron ${pkg.version} should be at ${found}, which is not an executable file: point ELECTRON_OVERRIDE_DIST_PATH at the folder that holds it, ${serve}`,
    );
  }
  const reason = probe.error
    ? probe.error.message
    : reasonFrom(`${probe.stderr ?? ''}\n${probe.stdout ?? ''}`);
  const nodeHint = nodeTooOld()
    ? `; Electron's installer asks for Node ${TOOLING_NODE.join('.')} or newer, this is ${process.versions.node}`
    : '';
  throw new ElectronUnavailable(
    `The desktop app cannot start: Electron ${pkg.version}'s binary could not be downloaded (${reason}${nodeHint}): set ELECTRON_MIRROR to a reachable mirror or ELECTRON_OVERRIDE_DIST_PATH to a folder holding the binary, ${serve}`,
  );
}
