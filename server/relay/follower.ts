// A relay's follower: loads the venue's snapshot from Redis, then follows the venue's stream with
// XREAD BLOCK from its own cursor (no consumer group: every relay sees every entry), applying each
// entry to the read model and publishing its events, with the primary's ids, to the relay's own hub.
// A gap (the cursor was trimmed away, Redis restored an older copy) or a new epoch (Redis lost the
// venue and the primary sent it again) reloads the snapshot; what changed meanwhile goes out once.
import { createClient } from 'redis';
import { oneLine, redact } from '../hub/redis.js';
import type { Hub, SseEvent, Topic } from '../hub/index.js';
import { gameEvents, tournamentEvents } from '../realtime.js';
import { venueResyncEvents } from './docs.js';
import { EMPTY_VENUE, VenueModel } from './model.js';
import { PROTOCOL, parseEntry, topicOf, venueKeys, type Entry, type VenueKeys } from './protocol.js';

export interface FollowerOptions {
  url: string;
  prefix: string;
  venue: string;
  model: VenueModel;
  hub: Hub;
  /** How long one XREAD waits for an entry before the relay looks at the venue's epoch (ms). */
  blockMs?: number;
  log?: (line: string) => void;
}

/**
 * `following`: live; `waiting`: the venue has not published (or Redis lost it and the primary has not
 * sent it again yet), the last state stays; `closed`: the organiser turned publishing off; `down`:
 * Redis does not answer, the last state stays.
 */
export type FollowState = 'starting' | 'following' | 'waiting' | 'closed' | 'down';

export interface FollowStatus {
  state: FollowState;
  venue: string;
  epoch: string | null;
  cursor: string;
  /** Entries applied since the process started, and snapshots loaded. */
  entries: number;
  reloads: number;
  /** Milliseconds since the primary's last heartbeat, as of the last look; null before one. */
  beatAgeMs: number | null;
}

type Client = ReturnType<typeof createClient>;
type RawEntry = [string, string[]];

const CONNECT_TIMEOUT_MS = 3000;

export class Follower {
  private readonly keys: VenueKeys;
  private readonly reader: Client;
  private readonly blocking: Client;
  private readonly log: (line: string) => void;
  private readonly blockMs: number;
  private epoch: string | null = null;
  private n = 0;
  private cursor = '0-0';
  private needReload = true;
  private closed = false;
  private loop: Promise<void> = Promise.resolve();
  private state: FollowState = 'starting';
  private beat: number | null = null;
  private entries = 0;
  private reloads = 0;
  private warned = false;
  private wake: (() => void) | null = null;
  private started = false;

  private constructor(private readonly opts: FollowerOptions) {
    this.keys = venueKeys(opts.prefix, opts.venue);
    this.log = opts.log ?? ((line) => console.warn(line));
    this.blockMs = opts.blockMs ?? 2000;
    const make = (name: string): Client =>
      createClient({
        url: opts.url,
        name,
        socket: {
          connectTimeout: CONNECT_TIMEOUT_MS,
          reconnectStrategy: (retries, cause) =>
            this.started ? Math.min(100 * 2 ** retries, 3000) + Math.floor(Math.random() * 100) : cause,
        },
        disableOfflineQueue: true,
      });
    this.reader = make('bagtrax-relay');
    this.blocking = make('bagtrax-relay-follow');
    for (const c of [this.reader, this.blocking]) {
      c.on('error', (err: unknown) => {
        // Before the start succeeds, the start's own one line says what went wrong.
        if (this.closed || !this.started) return;
        if (!this.warned)
          this.log(`Relay lost Redis: ${oneLine(err)}; the pages keep the last scores, reconnecting`);
        this.warned = true;
        this.state = 'down';
      });
    }
  }

  /** Connects and loads the snapshot; a Redis that cannot be reached rejects, naming REDIS_URL. */
  static async start(opts: FollowerOptions): Promise<Follower> {
    const f = new Follower(opts);
    try {
      await Promise.all([f.reader.connect(), f.blocking.connect()]);
      f.started = true;
    } catch (err) {
      // A client whose connect failed is closed already, and destroy() would throw.
      for (const c of [f.reader, f.blocking]) if (c.isOpen) c.destroy();
      throw new Error(`Cannot reach Redis at REDIS_URL=${redact(opts.url)} (${oneLine(err)})`);
    }
    // The snapshot only: a first XREAD here would hold the start for BLOCK ms on a quiet venue.
    await f.reload();
    f.loop = f.run();
    return f;
  }

  status(): FollowStatus {
    return {
      state: this.state,
      venue: this.opts.venue,
      epoch: this.epoch,
      cursor: this.cursor,
      entries: this.entries,
      reloads: this.reloads,
      beatAgeMs: this.beat === null ? null : Math.max(0, Date.now() - this.beat),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    for (const c of [this.reader, this.blocking]) {
      try {
        c.destroy();
      } catch {
        // already closed
      }
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        await this.step();
        failures = 0;
      } catch (err) {
        if (this.closed) return;
        if (!this.warned)
          this.log(`Relay lost Redis: ${oneLine(err)}; the pages keep the last scores, reconnecting`);
        this.warned = true;
        this.state = 'down';
        failures++;
        await this.sleep(Math.min(100 * 2 ** failures, 2000));
      }
    }
  }

  /** One turn: a reload when needed, else one XREAD from the cursor. */
  private async step(): Promise<void> {
    if (this.needReload) {
      await this.reload();
      // Not published (yet): wait for the venue's first entry (its reset), or look again shortly.
      if (this.needReload) return this.waitForEntry();
    }
    const reply = (await this.blocking.sendCommand([
      'XREAD',
      'COUNT',
      '512',
      'BLOCK',
      String(this.blockMs),
      'STREAMS',
      this.keys.stream,
      this.cursor,
    ])) as Array<[string, RawEntry[]]> | null;
    if (this.closed) return;
    this.up();
    if (reply === null || reply.length === 0) return this.lookAtMeta();
    for (const [id, flat] of reply[0]![1]) {
      const entry = parseEntry(id, flat);
      // Not the next entry of this epoch: something was lost or replaced; the snapshot says what is.
      if (entry === null || entry.reset || entry.epoch !== this.epoch || entry.n !== this.n + 1) {
        this.needReload = true;
        return;
      }
      this.apply(entry);
    }
  }

  private async waitForEntry(): Promise<void> {
    const args = ['XREAD', 'COUNT', '1', 'BLOCK', String(this.blockMs), 'STREAMS', this.keys.stream, '$'];
    await this.blocking.sendCommand(args);
  }

  /** Between entries: a venue whose epoch changed or vanished (FLUSHALL, a restore) is reloaded. */
  private async lookAtMeta(): Promise<void> {
    const meta = (await this.reader.hGetAll(this.keys.meta)) as Record<string, string>;
    if (meta.beat) this.beat = Number(meta.beat);
    if (meta.epoch !== this.epoch || Number(meta.n ?? 0) < this.n || meta.closed === '1') {
      this.needReload = true;
    }
  }

  private apply(entry: Entry): void {
    const m = this.opts.model;
    for (const item of entry.items) {
      if (item.kind === 'game') m.setGame(item.id, item.doc);
      else if (item.kind === 'end') m.removeGame(item.id, item.doc);
      else if (item.kind === 'tournament') m.setTournament(item.id, item.doc);
      else m.setVenue(item.doc);
    }
    for (const item of entry.items) {
      const topic = topicOf(item.kind, item.id) as Topic;
      if (item.kind === 'end') this.opts.hub.end(topic);
      else if (item.events.length) this.deliver(topic, item.events, item.again);
    }
    this.cursor = entry.id;
    this.n = entry.n;
    this.entries++;
  }

  private deliver(topic: Topic, events: SseEvent[], again: boolean): void {
    try {
      this.opts.hub.publish(topic, events as never, again ? { again: true } : {});
    } catch (err) {
      this.log(`Relay dropped malformed events on ${topic}: ${oneLine(err)}`);
    }
  }

  /** Loads the whole venue in one MULTI, then tells every stream whose topic changed meanwhile. */
  private async reload(): Promise<void> {
    const replies = (await this.reader
      .multi()
      .hGetAll(this.keys.meta)
      .hGetAll(this.keys.games)
      .hGetAll(this.keys.tournaments)
      .hGetAll(this.keys.removed)
      .get(this.keys.venue)
      .addCommand(['XREVRANGE', this.keys.stream, '+', '-', 'COUNT', '1'])
      .exec()) as unknown[];
    const [meta, games, tournaments, removed, venue, last] = replies as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      string | null,
      RawEntry[],
    ];
    this.up();
    const closed = meta.closed === '1';
    if (!closed && (meta.epoch === undefined || venue === null)) {
      // Nothing published (yet, or again): keep what the pages show and look again shortly.
      this.state = 'waiting';
      this.epoch = null;
      return;
    }
    if (meta.protocol !== undefined && Number(meta.protocol) !== PROTOCOL) {
      this.state = 'waiting';
      this.log(
        `Relay: the venue publishes protocol ${meta.protocol}, this relay reads ${PROTOCOL}; update BagTrax`,
      );
      return;
    }
    const next = new VenueModel();
    for (const [id, json] of Object.entries(games)) next.setGame(id, json);
    for (const [id, json] of Object.entries(removed)) next.removeGame(id, json);
    // A withdrawn venue: no boards, no games, at the sequence the pages already have.
    next.setVenue(venue ?? JSON.stringify({ ...EMPTY_VENUE, seq: this.opts.model.venueSeq() }));
    for (const [id, json] of Object.entries(tournaments)) next.setTournament(id, json);
    if (meta.epoch === this.epoch) this.keepNewer(next);
    this.announce(next);
    this.epoch = meta.epoch!;
    this.n = Number(meta.n ?? 0);
    this.cursor = last.length ? last[0]![0] : '0-0';
    if (meta.beat) this.beat = Number(meta.beat);
    this.needReload = false;
    this.reloads++;
    this.state = closed ? 'closed' : 'following';
  }

  /**
   * A snapshot of the epoch already followed never takes a version back: Redis restored an older
   * copy (a backup, an append-only file missing its last second) holds less than the pages show.
   * What this relay has newer stays (a game the copy lacks too, unless the copy says it was removed)
   * until the primary resets the venue under a new epoch.
   */
  private keepNewer(next: VenueModel): void {
    const model = this.opts.model;
    const raw = (topic: string) => model.raw.get(topic)!;
    if (model.venueSeq() > next.venueSeq()) next.setVenue(raw('venue'));
    for (const [id, doc] of model.games) {
      const theirs = next.games.get(id);
      if (theirs ? theirs.state.version < doc.state.version : !next.removed.has(id)) {
        next.setGame(id, raw(`game:${id}`));
      }
    }
    const listed = new Set(next.venue.tournaments.map((t) => t.id));
    for (const [id, state] of model.tournamentStates) {
      const theirs = next.tournamentStates.get(id);
      if (listed.has(id) && (!theirs || theirs.version < state.version)) {
        next.setTournament(id, raw(`tournament:${id}`));
      }
    }
  }

  /** Swaps `next` in and sends each changed topic's current events once; gone topics end. */
  private announce(next: VenueModel): void {
    const model = this.opts.model;
    const changed: Array<{ topic: string; sameVersion: boolean }> = [];
    for (const [topic, json] of next.raw) {
      if (model.raw.get(topic) === json) continue;
      changed.push({ topic, sameVersion: model.versionOf(topic) === next.versionOf(topic) });
    }
    const gone = [...model.raw.keys()].filter((t) => !next.raw.has(t) && t !== 'venue');
    model.replaceWith(next);
    for (const topic of gone) this.opts.hub.end(topic as Topic);
    for (const { topic, sameVersion } of changed) {
      let events: SseEvent[];
      if (topic === 'venue') events = venueResyncEvents(model.venueSeq());
      else if (topic.startsWith('game:')) events = gameEvents(model.get(topic.slice(5))!);
      else events = tournamentEvents(model.tournaments.get(topic.slice(11))!);
      this.deliver(topic as Topic, events, sameVersion);
    }
  }

  private up(): void {
    if (this.state === 'down' || this.state === 'starting') this.state = 'following';
    this.warned = false;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}
