// `npm start`: the desktop app. Makes sure Electron's binary is there (fetching it on the first start),
// builds when the bundle is missing or stale, then has electron-vite launch out/main/index.js.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildIfNeeded, ROOT } from './lib/build.mjs';
import { electronBinary, ElectronUnavailable } from './lib/electron.mjs';
import { whenOrphaned } from './lib/orphan.mjs';

function fail(message) {
  console.error(message);
  process.exit(1);
}

let executable;
try {
  executable = electronBinary(ROOT);
} catch (error) {
  fail(
    error instanceof ElectronUnavailable ? error.message : `The desktop app cannot start: ${error.message}`,
  );
}

try {
  if (buildIfNeeded() === 'missing')
    fail('The desktop app cannot start: the build tools are missing: run `npm install`.');
} catch (error) {
  fail(`The desktop app cannot start: ${error.message}`);
}

const require = createRequire(join(ROOT, 'package.json'));
const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const child = spawn(process.execPath, [cli, 'preview', '--skipBuild', '--ignoreConfigWarning'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: executable },
});
// electron-vite hands these on to Electron, whose main process stops the server before it quits.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
whenOrphaned(() => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
