// startServer(settings) → { url, lanUrls, stop() }: opens the database and the hub, listens with
// createApp's handler, and resolves once it does. The desktop app, `npm run serve` and the tests all
// start it this way.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { AuthStore, Keepers, SESSION_COOKIE } from './auth.js';
import { PinLimiter } from './auth/limiter.js';
import { SettingsError, loadSettings, type ServerSettings } from './config.js';
import { Games } from './games.js';
import { createLocalHub, createRedisHub, type Hub, type HubOptions, type SseEvent } from './hub/index.js';
import { startMdns, type Mdns } from './mdns.js';
import { allowedHostCheck, joinInfo, lanAddresses, urlFor } from './network.js';
import { gameEvents, tournamentEvents, VENUE_TOPIC } from './realtime.js';
import { loadAssets } from './routes/assets.js';
import { clientOfSettings } from './http/client-address.js';
import { LISTEN_BACKLOG, frontDoor, httpOptions, type FrontDoor } from './http/front.js';
import { Scoreboards } from './scoreboards.js';
import { publishingHub } from './relay/publisher.js';
import { PublishingSwitch } from './relay/switch.js';

export { loadSettings, SettingsError };
export { lanAddresses, phonesCannotJoin } from './network.js';
export type { ServerSettings };

export interface RunningServer {
  url: string;
  port: number;
  lanUrls: string[];
  /**
   * The organiser session of the desktop app's host window (set as a cookie for `url`): it lasts as
   * long as this process, and no PIN change or sign-out ends it.
   */
  hostCookie: { name: string; value: string };
  dataDir: string;
  /** The keeper PIN now in force (a headless organiser reads it from the console). */
  keeperPin(): string;
  /** The organiser PIN now in force (printed by `serve`, shown on the host console to the organiser). */
  organiserPin(): string;
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function listenWithFallback(server: Server, s: ServerSettings): Promise<number> {
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

/** Where this server is reached: its loopback URL (for the app and the tests) and its LAN URLs. */
export function addressesOf(s: ServerSettings, port: number): { url: string; lanUrls: string[] } {
  const wildcard = s.host === '0.0.0.0' || s.host === '::';
  const url = urlFor(wildcard ? '127.0.0.1' : s.host, port);
  return { url, lanUrls: wildcard ? lanAddresses().map((a) => urlFor(a, port)) : [url] };
}

/** Stops listening and ends every connection still open (streams included). */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The stream caps and timers of the settings, for a hub. */
export function hubOptionsOf(s: ServerSettings): HubOptions {
  return {
    maxQueuedBytes: s.maxQueuedBytes,
    heartbeatMs: s.heartbeatMs,
    maxStreams: s.maxStreams,
    maxStreamsPerAddress: s.maxStreamsPerAddress,
    maxLifetimeMs: s.maxStreamLifetimeMs,
    clientOf: clientOfSettings(s),
  };
}

/** How often a publishing primary marks itself alive for relays (and checks Redis kept its venue). */
export const RELAY_HEARTBEAT_MS = 2000;

export async function startServer(settings: ServerSettings): Promise<RunningServer> {
  const s = settings;
  const assets = loadAssets();
  mkdirSync(s.dataDir, { recursive: true });
  const games = Games.open({ dataDir: s.dataDir });
  let auth: AuthStore | undefined;
  let hub: Hub | undefined;
  let publishing: PublishingSwitch | undefined;
  let limiter: PinLimiter | undefined;
  let front: FrontDoor | undefined;
  let mdns: Mdns | null = null;
  const server = createServer(httpOptions(s));
  try {
    auth = AuthStore.open(s.dataDir);
    const keepers = new Keepers(auth, {
      keeperPin: s.keeperPin,
      organiserPin: s.organiserPin,
      sessionTtlMs: s.sessionTtlMs,
    });
    const hubOptions = hubOptionsOf(s);
    const resync = (topic: string): SseEvent[] | null => {
      if (topic === VENUE_TOPIC) {
        const id = games.venueSeq();
        return [
          { id, event: 'refresh-games', data: 'changed' },
          { id, event: 'refresh-tournaments', data: 'changed' },
        ];
      }
      if (topic.startsWith('tournament:')) {
        const tournament = games.tournaments.get(topic.slice('tournament:'.length));
        return tournament ? tournamentEvents(tournament) : null;
      }
      const state = games.get(topic.slice('game:'.length));
      return state ? gameEvents(state) : null;
    };
    // Up once the hub has connected (it stops the start otherwise); the hub says when that changes.
    let redis: 'up' | 'down' | null = s.hub === 'redis' ? 'up' : null;
    const onStatus = (now: 'up' | 'down') => {
      redis = now;
    };
    const baseHub =
      s.hub === 'redis'
        ? await createRedisHub({ ...hubOptions, url: s.redisUrl, prefix: s.redisPrefix, resync, onStatus })
        : createLocalHub(hubOptions);
    hub = baseHub;
    // Relays (CONTRACT.md "Relays"): every change the hub publishes also goes to Redis while on.
    publishing = await PublishingSwitch.start(games, {
      url: s.redisUrl,
      prefix: s.redisPrefix,
      venue: s.venue,
      forced: s.publish,
      games,
      streamLength: s.relayStreamLength,
      heartbeatMs: RELAY_HEARTBEAT_MS,
    });
    const live = publishing;
    hub = publishingHub(baseHub, () => live.current());
    limiter = await PinLimiter.create({
      maxAttempts: s.loginAttempts,
      lockoutMs: s.loginLockoutMs,
      venueAttempts: s.loginVenueAttempts,
      venueWindowMs: s.loginVenueWindowMs,
      redis: s.hub === 'redis' ? { url: s.redisUrl, prefix: s.redisPrefix } : undefined,
    });

    let port = s.port;
    const scoreboards = new Scoreboards(games);
    const allowedHost = allowedHostCheck(s.hostnames, s.host);
    const app = createApp({
      games,
      reads: games,
      role: 'primary',
      tournaments: games.tournaments,
      scoreboards,
      hub,
      keepers,
      limiter,
      assets,
      allowedHost,
      join: () => joinInfo(port, s.host, () => mdns?.active() ?? false),
      sessionTtlMs: s.sessionTtlMs,
      health: () => ({ connections: front?.stats(), publishing: live.view() }),
      redisStatus: () => redis,
      publishing,
      clientOf: clientOfSettings(s),
      overlayFrameAncestors: s.overlayFrameAncestors,
    });
    // The caps per address sit in front of the app: they count the server's sockets.
    front = frontDoor(server, s, app.callback());
    port = await listenWithFallback(server, s);
    if (s.mdns) mdns = startMdns(port);

    const { url, lanUrls } = addressesOf(s, port);
    let stopping: Promise<void> | null = null;
    const liveHub = hub;
    const liveLimiter = limiter;
    const liveFront = front;
    const liveAuth = auth;
    const livePublishing = publishing;
    return {
      url,
      port,
      lanUrls,
      dataDir: s.dataDir,
      keeperPin: () => keepers.pin('keeper'),
      organiserPin: () => keepers.pin('organiser'),
      hostCookie: { name: SESSION_COOKIE, value: keepers.hostToken },
      stop() {
        stopping ??= (async () => {
          await mdns?.stop();
          await livePublishing.close();
          await liveHub.close();
          liveFront.close();
          await closeServer(server);
          await liveLimiter.close();
          liveAuth.close();
          games.close();
        })();
        return stopping;
      },
    };
  } catch (err) {
    await publishing?.close();
    await hub?.close();
    await limiter?.close();
    front?.close();
    server.close();
    auth?.close();
    games.close();
    throw err;
  }
}
