// startRelay(settings) → { url, port, stop() }: a read-only relay of a venue (ROLE=relay). No database:
// the follower fills the read model from Redis and feeds the relay's own hub; the app serves the
// read surfaces only, and answers every write, keeper page and login with 405 read_only.
import { createServer } from 'node:http';
import QRCode from 'qrcode';
import { createApp } from '../app.js';
import type { ServerSettings } from '../config.js';
import { clientOfSettings } from '../http/client-address.js';
import { frontDoor, httpOptions, type FrontDoor } from '../http/front.js';
import { createLocalHub, type Hub } from '../hub/index.js';
import { allowedHostCheck, joinInfo, urlFor } from '../network.js';
import { loadAssets } from '../routes/assets.js';
import { Scoreboards } from '../scoreboards.js';
import { addressesOf, closeServer, hubOptionsOf, listenWithFallback } from '../start.js';
import type { JoinInfo } from '../views/pages/host.js';
import { Follower, type FollowState, type FollowStatus } from './follower.js';
import { VenueModel } from './model.js';

/** What a spectator on a relay is told while the relay is not simply following its venue. */
const RELAY_NOTICE: Record<FollowState, string | null> = {
  starting: null,
  following: null,
  waiting: 'Waiting for the venue to share its boards: scores appear here as soon as it does.',
  closed: 'The venue has stopped sharing its boards here.',
  down: 'Lost touch with the venue for a moment: these are the last scores, and they catch up by themselves.',
};

export interface RunningRelay {
  url: string;
  port: number;
  lanUrls: string[];
  venue: string;
  status(): FollowStatus;
  stop(): Promise<void>;
}

/** The relay's own join address: PUBLIC_URL, else its first public name, else its LAN address. */
async function relayJoin(s: ServerSettings, port: number): Promise<JoinInfo> {
  const named = s.publicUrl ?? (s.hostnames[0] ? urlFor(s.hostnames[0], port) : null);
  if (named === null) return joinInfo(port, s.host, () => false);
  const qrSvg = await QRCode.toString(named, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { joinUrl: named, otherUrls: [], mdnsUrl: null, qrSvg, problem: null };
}

/** The names a relay answers to on the internet: BAGTRAX_HOSTNAMES and PUBLIC_URL's host. */
export function publicNames(s: Pick<ServerSettings, 'hostnames' | 'publicUrl'>): string[] {
  const names = [...s.hostnames];
  if (s.publicUrl) names.push(new URL(s.publicUrl).hostname.toLowerCase().replace(/^\[|\]$/g, ''));
  return names;
}

export async function startRelay(s: ServerSettings): Promise<RunningRelay> {
  if (s.role !== 'relay' || s.venue === undefined) throw new Error('startRelay needs ROLE=relay and VENUE');
  const venue = s.venue;
  const assets = loadAssets();
  const model = new VenueModel();
  const hub: Hub = createLocalHub(hubOptionsOf(s));
  let follower: Follower | undefined;
  let front: FrontDoor | undefined;
  const server = createServer(httpOptions(s));
  try {
    follower = await Follower.start({ url: s.redisUrl, prefix: s.redisPrefix, venue, model, hub });
    const live = follower;
    let port = s.port;
    const app = createApp({
      reads: model,
      tournaments: model.tournaments,
      role: 'relay',
      scoreboards: new Scoreboards(model),
      hub,
      assets,
      allowedHost: allowedHostCheck(publicNames(s), s.host),
      join: () => relayJoin(s, port),
      health: () => ({ role: 'relay', relay: live.status(), connections: front?.stats() }),
      redisStatus: () => (live.status().state === 'down' ? 'down' : 'up'),
      notice: () => RELAY_NOTICE[live.status().state],
      clientOf: clientOfSettings(s),
      overlayFrameAncestors: s.overlayFrameAncestors,
    });
    front = frontDoor(server, s, app.callback());
    port = await listenWithFallback(server, s);
    const { url, lanUrls } = addressesOf(s, port);
    let stopping: Promise<void> | null = null;
    const liveFront = front;
    return {
      url,
      port,
      lanUrls,
      venue,
      status: () => live.status(),
      stop() {
        stopping ??= (async () => {
          await live.close();
          await hub.close();
          liveFront.close();
          await closeServer(server);
        })();
        return stopping;
      },
    };
  } catch (err) {
    await follower?.close();
    await hub.close();
    front?.close();
    server.close();
    throw err;
  }
}
