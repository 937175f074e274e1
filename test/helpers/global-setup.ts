// Builds what the tests run before any test starts, when it is missing or older than the source:
// the server bundle (out/server, started by the integration tests and `npm start`), the Electron
// main bundle and the browser bundle the server refuses to start without.
import { buildIfNeeded } from '../../scripts/lib/build.mjs';

export default function setup(): void {
  buildIfNeeded(undefined, () => undefined);
}
