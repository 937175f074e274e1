// `npm run test:faults`: the relay fault tests (test/integration/relay-faults.test.ts) with the
// venue's link to Redis cut for a minute instead of `npm test`'s few seconds, writing the table of
// figures to test/integration/RELAY-FAULTS.md. RELAY_FAULT_CUT_MS and RELAY_FAULTS_REPORT override.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/build.mjs';

const env = {
  ...process.env,
  RELAY_FAULT_CUT_MS: process.env.RELAY_FAULT_CUT_MS ?? '60000',
  RELAY_FAULTS_REPORT: process.env.RELAY_FAULTS_REPORT ?? join(ROOT, 'test/integration/RELAY-FAULTS.md'),
};
const vitest = join(ROOT, 'node_modules/vitest/vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', 'test/integration/relay-faults.test.ts'], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
