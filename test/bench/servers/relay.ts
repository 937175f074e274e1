// A relay under test (ROLE=relay): the real startRelay, as `ROLE=relay npm run serve` runs it, following
// the bench primary's venue through the bench's private Redis, with room for the phones it is given.
import { startRelay } from '../../../server/relay/start.js';
import { removeDir, tempDir } from '../../kit/files.js';
import { testSettings } from '../../kit/settings.js';
import { benchServer } from './harness.js';
import type { PublishOptions } from './bagtrax.js';

benchServer(async (opts) => {
  const follow = opts.follow as PublishOptions;
  // A relay keeps no database; DATA_DIR is only where settings say it would.
  const dataDir = tempDir('/dev/shm', 'bagtrax-relay-bench-');
  const relay = await startRelay(
    testSettings({
      dataDir,
      role: 'relay',
      hub: 'redis',
      maxStreams: 20_000,
      host: '127.0.0.1',
      port: 0,
      ...follow,
    }),
  );
  return {
    url: relay.url,
    async stop() {
      await relay.stop();
      removeDir(dataDir);
    },
  };
});
