// A venue with relays for tests, as separate processes of the built server: a primary publishing
// (PUBLISH=1) on a fixed port and DATA_DIR so it can be killed and started again, relays following it
// through Redis, keepers scoring on the primary, phones on the relays, and the check that everything
// a relay shows has caught up with the primary (its JSON, and every phone's last version).
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { tempDir } from './files.js';
import type { Phone } from './phones.js';
import { freePort } from './process.js';
import { WASH, startTestServer, type ChildServer } from './server.js';
import { SseClient } from './sse.js';
import { until } from './until.js';

/** Long, so that a PIN found in Redis cannot be a chance run of digits in a timestamp. */
export const KEEPER_PIN = '739152864017';
export const ORGANISER_PIN = '582036194725';

export interface VenueSetup {
  /** Where relays find Redis. */
  redisUrl: string;
  /** Where the primary finds it (a proxy that can cut the link); `redisUrl` when unset. */
  primaryRedisUrl?: string;
  /** RELAY_STREAM_LENGTH. */
  streamLength?: number;
}

export class RelayVenue {
  readonly prefix = `bagtrax-relay-it:${randomBytes(5).toString('hex')}:`;
  readonly venue = `v${randomBytes(4).toString('hex')}`;
  readonly dataDir = tempDir();
  primary!: ChildServer;
  readonly relays: ChildServer[] = [];
  games: string[] = [];
  tournament: string | null = null;
  private primaryPort = 0;

  constructor(readonly setup: VenueSetup) {}

  /** The primary on its DATA_DIR and port (the same again after a kill). */
  async startPrimary(): Promise<ChildServer> {
    if (!this.primaryPort) this.primaryPort = await freePort();
    this.primary = await startTestServer({
      child: true,
      port: this.primaryPort,
      dataDir: this.dataDir,
      keeperPin: KEEPER_PIN,
      organiserPin: ORGANISER_PIN,
      hub: 'local',
      publish: true,
      venue: this.venue,
      redisUrl: this.setup.primaryRedisUrl ?? this.setup.redisUrl,
      redisPrefix: this.prefix,
      relayStreamLength: this.setup.streamLength ?? 2000,
    });
    return this.primary;
  }

  /** A relay of the venue (ROLE=relay), on `port` when given (the same again after a kill). */
  async startRelay(port = 0): Promise<ChildServer> {
    const relay = await startTestServer({
      child: true,
      port,
      role: 'relay',
      hub: 'redis',
      venue: this.venue,
      redisUrl: this.setup.redisUrl,
      redisPrefix: this.prefix,
      dataDir: tempDir(),
    });
    this.relays.push(relay);
    return relay;
  }

  /** Relays whose process is still running. */
  liveRelays(): ChildServer[] {
    return this.relays.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  }

  relayUrls(): string[] {
    return this.liveRelays().map((r) => r.url);
  }

  /** Two games on boards 1 and 2, a friendly, and a tournament in setup on board 4. */
  async createGames(): Promise<void> {
    const made = await Promise.all([
      this.primary.createGame({ home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' }, board: 1 }),
      this.primary.createGame({ home: { name: 'Toss Bosses' }, away: { name: 'Cornstars' }, board: 2 }),
      this.primary.createGame({ home: { name: 'Sack Attack' }, away: { name: 'Drop Zone' } }),
    ]);
    this.games = made.map((g) => g.id);
    const t = await this.organiser('POST', '/api/tournaments', {
      name: 'Friday Night',
      format: 'single',
      teams: ['Slide Rules', 'Kernel Panic', 'Board Meeting', 'Cob Squad'].map((name) => ({ name })),
      boards: [4],
    });
    if (t.status !== 201) throw new Error(`tournament: ${t.status} ${t.text}`);
    this.tournament = (t.json as { id: string }).id;
  }

  organiser(method: string, path: string, body?: unknown) {
    return this.primary.api(method, path, body, { Authorization: `Bearer ${ORGANISER_PIN}` });
  }

  /** What the primary holds now: every game's state, the list, the tournament and the venue's sequence. */
  async truth(server: ChildServer = this.primary): Promise<Truth> {
    const states = await Promise.all(
      this.games.map(async (id) => (await server.get(`/api/games/${id}/state`)).json as { version: number }),
    );
    const list = (await server.get('/api/games')).json as unknown;
    const tournament = this.tournament
      ? ((await server.get(`/api/tournaments/${this.tournament}`)).json as unknown)
      : null;
    return { states, list, tournament, venueSeq: await venueSeqOf(server.url) };
  }
}

export interface Truth {
  states: Array<{ version: number }>;
  list: unknown;
  tournament: unknown;
  venueSeq: number;
}

/** The venue's sequence as a stream opened without a position announces it. */
export async function venueSeqOf(base: string): Promise<number> {
  const c = await SseClient.open(`${base}/events`);
  try {
    if (c.status !== 200) throw new Error(`${base}/events answered ${c.status}`);
    await c.waitFor((events) => events.length > 0, 5000);
    return Number(c.events[0]!.id);
  } finally {
    c.close();
  }
}

/** Keepers scoring every game on the primary (wash rounds: a game never ends), one loop per game. */
export class Keepers {
  acked = 0;
  /** Writes that got no answer (the primary was down). */
  unanswered = 0;
  /** Answers other than 200 (there should be none). */
  readonly problems: string[] = [];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly venue: RelayVenue,
    private readonly paceMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.venue.games.map((id) => this.loop(id));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Waits until `n` more writes have been acknowledged. */
  async more(n: number, what: string, capMs = 30_000): Promise<void> {
    const target = this.acked + n;
    await until(() => this.acked >= target || this.problems.length > 0, what, capMs);
    if (this.problems.length) throw new Error(`a keeper's write failed: ${this.problems[0]}`);
  }

  private async loop(id: string): Promise<void> {
    while (this.running) {
      try {
        const a = await this.venue.primary.api('POST', `/api/games/${id}/rounds`, WASH);
        if (a.status === 200) this.acked++;
        else this.problems.push(`${a.status} ${a.text.slice(0, 200)}`);
      } catch {
        this.unanswered++;
      }
      await new Promise((resolve) => setTimeout(resolve, this.paceMs));
    }
  }
}

/**
 * Spectators' API scripts (an overlay polling the state JSON): each game's version on each live
 * relay, polled until stopped; a version lower than one that relay answered before is counted.
 */
export class Pollers {
  backwards = 0;
  polls = 0;
  private readonly seen = new Map<string, number>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly venue: RelayVenue,
    everyMs = 200,
  ) {
    this.loop = (async () => {
      while (this.running) {
        await this.poll();
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async poll(): Promise<void> {
    await Promise.all(
      this.venue.liveRelays().flatMap((relay) =>
        this.venue.games.map(async (id) => {
          try {
            const a = await relay.get(`/api/games/${id}/state`);
            if (a.status !== 200) return;
            const key = `${relay.pid} ${id}`;
            const v = (a.json as { version: number }).version;
            if (v < (this.seen.get(key) ?? -1)) this.backwards++;
            this.seen.set(key, Math.max(v, this.seen.get(key) ?? -1));
            this.polls++;
          } catch {
            // a relay killed under the poll
          }
        }),
      ),
    );
  }
}

/** A phone and what it should end up showing. */
export interface Watched {
  phone: Phone;
  /** The game's index in `venue.games`, 'venue' for /events, 'tournament' for the tournament's. */
  of: number | 'venue' | 'tournament';
}

/** Phones that do not (yet) show the primary's current version. */
export function behind(watched: readonly Watched[], truth: Truth): Watched[] {
  const shows = ({ phone, of }: Watched): boolean => {
    if (of === 'venue') return phone.lastId() === truth.venueSeq;
    if (of === 'tournament') return phone.lastState() === (truth.tournament as { version: number }).version;
    return phone.lastState() === truth.states[of]!.version;
  };
  return watched.filter((w) => !shows(w));
}

/** Whether `relay` answers exactly what the primary does (states, list, tournament, sequence). */
export async function relayMatches(venue: RelayVenue, relay: ChildServer, truth: Truth): Promise<boolean> {
  try {
    return isDeepStrictEqual(await venue.truth(relay), truth);
  } catch {
    return false;
  }
}

export interface Convergence {
  ms: number;
  /** Phones still behind when the wait gave up (0 once converged). */
  left: number;
  converged: boolean;
  /** When it did not: which phones and relays were behind, and where. */
  detail: string;
}

/**
 * Polls until every live relay answers what the primary does and every phone shows its current
 * versions; the cap turns a hang into a report, it asserts nothing about time.
 */
export async function converge(
  venue: RelayVenue,
  watched: readonly Watched[],
  capMs = 30_000,
): Promise<Convergence> {
  const started = Date.now();
  let left = watched.length;
  let detail = '';
  try {
    await until(
      async () => {
        const truth = await venue.truth();
        const late = behind(watched, truth);
        left = late.length;
        const relays: string[] = [];
        for (const relay of venue.liveRelays()) {
          if (!(await relayMatches(venue, relay, truth))) relays.push(relay.url);
        }
        detail =
          `primary: versions ${truth.states.map((s) => s.version).join(',')}, venue ${truth.venueSeq}; ` +
          `relays behind: ${relays.join(' ') || 'none'}; phones behind: ` +
          late
            .map((w) => `${w.phone.base}${w.phone.path} at ${w.phone.lastId()}/${w.phone.lastState()}`)
            .join(', ');
        return left === 0 && relays.length === 0;
      },
      'relays and phones to catch up with the primary',
      capMs,
    );
    return { ms: Date.now() - started, left: 0, converged: true, detail: '' };
  } catch {
    return { ms: Date.now() - started, left, converged: false, detail };
  }
}

/**
 * How long after `since` every live relay and every phone held at least the versions the primary
 * had when this was called (the fault's end), while keepers go on writing: the catch-up itself,
 * apart from how long the test keeps writing afterwards. NaN when it gave up.
 */
export async function catchUp(
  venue: RelayVenue,
  watched: readonly Watched[],
  since: number,
  capMs = 30_000,
): Promise<number> {
  const mark = await venue.truth();
  const atLeast = (t: Truth) =>
    t.venueSeq >= mark.venueSeq && t.states.every((s, i) => s.version >= mark.states[i]!.version);
  const phoneAtLeast = ({ phone, of }: Watched) => {
    if (of === 'venue') return (phone.lastId() ?? -1) >= mark.venueSeq;
    if (of === 'tournament')
      return (phone.lastState() ?? -1) >= (mark.tournament as { version: number }).version;
    return (phone.lastState() ?? -1) >= mark.states[of]!.version;
  };
  try {
    await until(
      async () => {
        if (!watched.every(phoneAtLeast)) return false;
        for (const relay of venue.liveRelays()) if (!atLeast(await venue.truth(relay))) return false;
        return true;
      },
      'relays and phones to catch up with the fault',
      capMs,
    );
    return Date.now() - since;
  } catch {
    return NaN;
  }
}

/** What a relay's health says of its following. */
export async function followStatus(
  relay: ChildServer,
): Promise<{ state: string; reloads: number; entries: number }> {
  return (await relay.get('/api/health')).json.relay;
}
