// BagTrax under test: the real startServer, exactly as `npm run serve` runs it, with its database in
// the DATA_DIR the bench chooses (RAM-backed by default) and room for the 10,000-stream run. For the
// relay phase the same primary publishes its venue (PUBLISH=1) to the bench's private Redis.
import { startServer } from '../../../server/start.js';
import { removeDir, tempDir } from '../../kit/files.js';
import { testSettings } from '../../kit/settings.js';
import { BENCH_PIN } from '../plan.js';
import { benchServer } from './harness.js';

/** What the relay phase asks of the primary: publish `venue` to the Redis at `redisUrl`. */
export interface PublishOptions {
  venue: string;
  redisUrl: string;
  redisPrefix: string;
}

benchServer(async (opts) => {
  const root = typeof opts.dataRoot === 'string' ? opts.dataRoot : '/dev/shm';
  const publish = (opts.publish as PublishOptions | undefined) ?? null;
  const dataDir = tempDir(root, 'bagtrax-bench-');
  const server = await startServer(
    testSettings({
      dataDir,
      keeperPin: BENCH_PIN,
      maxStreams: 20_000,
      host: '127.0.0.1',
      port: 0,
      ...(publish ? { publish: true, ...publish } : {}),
    }),
  );
  return {
    url: server.url,
    async stop() {
      await server.stop();
      removeDir(dataDir);
    },
  };
});
