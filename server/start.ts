// startServer(settings) → { url, lanUrls, stop() }: opens the database and the hub, listens with
// createApp's handler, and resolves once it does. The desktop app, `npm run serve` and the tests all
// start it this way.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { Keepers, SESSION_COOKIE } from './auth.js';
import { SettingsError, loadSettings, type ServerSettings } from './config.js';
import { Games } from './games.js';
import { createLocalHub, createRedisHub, type Hub, type HubOptions, type SseEvent } from './hub/index.js';
import { startMdns, type Mdns } from './mdns.js';
import { allowedHostCheck, joinInfo, lanAddresses, urlFor } from './network.js';
import { gameEvents, VENUE_TOPIC } from './realtime.js';
import { loadAssets } from './routes/assets.js';
import { Scoreboards } from './scoreboards.js';

export { loadSettings, SettingsError };
export { lanAddresses, phonesCannotJoin } from './network.js';
export type { ServerSettings };

export interface RunningServer {
  url: string;
  port: number;
  lanUrls: string[];
  /** A keeper session for the desktop app's host window (set as a cookie for `url`). */
  hostCookie: { name: string; value: string };
  dataDir: string;
  /** The keeper PIN now in force (a headless organiser reads it from the console). */
  keeperPin(): string;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function listenWithFallback(server: Server, s: ServerSettings): Promise<number> {
  try {
    return await listen(server, s.port, s.host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' && s.portFallback) return listen(server, 0, s.host);
    if (code === 'EADDRINUSE')
      throw new SettingsError(
        `PORT ${s.port} is already in use: stop the other program or set PORT to a free port`,
      );
    if (code === 'EADDRNOTAVAIL') throw new SettingsError(`HOST ${s.host} is not an address of this machine`);
    if (code === 'EACCES')
      throw new SettingsError(`PORT ${s.port} needs more privileges: use a port above 1024`);
    throw err;
  }
}

export async function startServer(settings: ServerSettings): Promise<RunningServer> {
  const s = settings;
  const assets = loadAssets();
  mkdirSync(s.dataDir, { recursive: true });
  const games = Games.open({ dataDir: s.dataDir });
  let hub: Hub | undefined;
  let mdns: Mdns | null = null;
  const server = createServer();
  try {
    const keepers = new Keepers(games, {
      pinOverride: s.keeperPin,
      sessionTtlMs: s.sessionTtlMs,
      maxAttempts: s.loginAttempts,
      lockoutMs: s.loginLockoutMs,
    });
    const hubOptions: HubOptions = {
      maxQueuedBytes: s.maxQueuedBytes,
      heartbeatMs: s.heartbeatMs,
      maxStreams: s.maxStreams,
      maxStreamsPerAddress: s.maxStreamsPerAddress,
      maxLifetimeMs: s.maxStreamLifetimeMs,
    };
    const resync = (topic: string): SseEvent[] | null => {
      if (topic === VENUE_TOPIC) return [{ id: games.venueSeq(), event: 'refresh-games', data: 'changed' }];
      const state = games.get(topic.slice('game:'.length));
      return state ? gameEvents(state) : null;
    };
    hub =
      s.hub === 'redis'
        ? await createRedisHub({ ...hubOptions, url: s.redisUrl, prefix: s.redisPrefix, resync })
        : createLocalHub(hubOptions);

    let port = s.port;
    const scoreboards = new Scoreboards(games);
    const allowedHost = allowedHostCheck(s.hostnames, s.host);
    const app = createApp({
      games,
      scoreboards,
      hub,
      keepers,
      assets,
      allowedHost,
      join: () => joinInfo(port, s.host, () => mdns?.active() ?? false),
      sessionTtlMs: s.sessionTtlMs,
    });
    server.on('request', app.callback());
    // Streams are long; a slow phone must not hold a half-sent request open for long.
    server.headersTimeout = 20_000;
    server.requestTimeout = 30_000;
    port = await listenWithFallback(server, s);
    if (s.mdns) mdns = startMdns(port);

    const loopbackHost = s.host === '0.0.0.0' || s.host === '::' ? '127.0.0.1' : s.host;
    const url = urlFor(loopbackHost, port);
    const lanUrls =
      s.host === '0.0.0.0' || s.host === '::' ? lanAddresses().map((a) => urlFor(a, port)) : [url];
    let stopping: Promise<void> | null = null;
    const liveHub = hub;
    return {
      url,
      port,
      lanUrls,
      dataDir: s.dataDir,
      keeperPin: () => keepers.pin(),
      hostCookie: { name: SESSION_COOKIE, value: keepers.createSession(365 * 24 * 3600_000) },
      stop() {
        stopping ??= (async () => {
          await mdns?.stop();
          await liveHub.close();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          games.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await hub?.close();
    server.close();
    games.close();
    throw err;
  }
}
