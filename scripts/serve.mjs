// `npm run serve`: the built server (out/server/cli.js) on plain Node, building it first when it is
// missing or older than the source, so `npm install && npm run serve` works on a fresh clone. On a
// production install (no dev dependencies) it runs the bundle that is there.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildIfNeeded, ROOT } from './lib/build.mjs';
import { whenOrphaned } from './lib/orphan.mjs';

let state;
try {
  state = buildIfNeeded();
} catch (error) {
  console.error(`BagTrax cannot start: ${error.message}`);
  process.exit(1);
}
if (state === 'missing') {
  console.error(
    'BagTrax cannot start: the built server (out/server) is missing and the build tools are not installed: run `npm install`, then `npm run serve`.',
  );
  process.exit(1);
}
if (state === 'stale') {
  console.warn(
    'BagTrax: the built server is older than the source; running it anyway (`npm install && npm run build` rebuilds it).',
  );
}
await import(pathToFileURL(join(ROOT, 'out/server/cli.js')).href);
// The server stops cleanly (streams ended, database closed) on SIGTERM: give it one when npm is gone.
whenOrphaned(() => process.kill(process.pid, 'SIGTERM'));
