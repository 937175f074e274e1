// `npm run build`: main, server and renderer bundles into out/ (see scripts/lib/build.mjs).
import { build } from './lib/build.mjs';

try {
  build();
} catch (error) {
  console.error(`BagTrax: ${error.message}`);
  process.exit(1);
}
