// The app's dependencies as a test builds them (a fresh data folder, a local hub, loopback only), and
// createApp with some of them chosen by the test (say, tournament reads over states held in memory),
// served on a free loopback port: the whole app as phones meet it, with nothing of startServer's.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from '../../server/app.js';
import { AuthStore, Keepers } from '../../server/auth.js';
import { PinLimiter } from '../../server/auth/limiter.js';
import { Games } from '../../server/games.js';
import { createLocalHub, type Hub } from '../../server/hub/index.js';
import { allowedHostCheck, joinInfo } from '../../server/network.js';
import { loadAssets } from '../../server/routes/assets.js';
import { Scoreboards } from '../../server/scoreboards.js';
import { removeDir, tempDir } from './files.js';
import { TEST_PIN, testSettings } from './settings.js';

export interface TestDeps {
  deps: AppDeps;
  games: Games;
  hub: Hub;
  keepers: Keepers;
  /** Closes the hub, the stores and removes the data folder. */
  close(): Promise<void>;
}

export async function testDeps(extra: Partial<AppDeps> = {}): Promise<TestDeps> {
  const s = testSettings({ dataDir: tempDir(), keeperPin: TEST_PIN });
  const games = Games.open({ dataDir: s.dataDir });
  const hub = createLocalHub();
  const auth = AuthStore.open(s.dataDir);
  const keepers = new Keepers(auth, {
    keeperPin: s.keeperPin,
    organiserPin: s.organiserPin,
    sessionTtlMs: s.sessionTtlMs,
  });
  const deps: AppDeps = {
    games,
    reads: games,
    role: 'primary',
    scoreboards: new Scoreboards(games),
    hub,
    keepers,
    limiter: await PinLimiter.create({
      maxAttempts: s.loginAttempts,
      lockoutMs: s.loginLockoutMs,
      venueAttempts: s.loginVenueAttempts,
      venueWindowMs: s.loginVenueWindowMs,
      redis: undefined,
    }),
    assets: loadAssets(),
    allowedHost: allowedHostCheck([], '127.0.0.1'),
    join: () => joinInfo(0, '127.0.0.1', () => false),
    sessionTtlMs: s.sessionTtlMs,
    tournaments: games.tournaments,
    ...extra,
  };
  return {
    deps,
    games,
    hub,
    keepers,
    async close() {
      await hub.close();
      games.close();
      auth.close();
      removeDir(s.dataDir);
    },
  };
}

export interface TestApp {
  url: string;
  games: Games;
  keeperPin: string;
  organiserPin: string;
  stop(): Promise<void>;
}

export async function startApp(extra: Partial<AppDeps> = {}): Promise<TestApp> {
  const t = await testDeps(extra);
  const server = createServer(createApp(t.deps).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    games: t.games,
    keeperPin: t.keepers.pin('keeper'),
    organiserPin: t.keepers.pin('organiser'),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}
