// The primary's side of relays (CONTRACT.md "Relays"): every change the hub publishes is also written
// to Redis, in one atomic, version-checked step per change (the Redis Function in protocol.ts): the
// latest doc of each topic it touched, and one entry on the venue's stream. A heartbeat keeps the
// epoch alive; when Redis lost its data, was restored or the link was down, the primary sends the
// whole venue again (version-checked: what Redis has is not sent twice) or resets it under a new epoch.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { oneLine, redact } from '../hub/redis.js';
import { maxId, type Hub, type SseEvent, type Topic } from '../hub/index.js';
import { gameDoc, removedDoc, venueDoc, wholeVenue, type VenueSource } from './docs.js';
import { FUNCTIONS, LIBRARY, itemArgs, keyList, venueKeys, type Item, type VenueKeys } from './protocol.js';

export interface PublisherOptions {
  url: string;
  prefix: string;
  venue: string;
  games: VenueSource;
  /** About how many entries the stream keeps (XADD MAXLEN ~). */
  streamLength: number;
  /** How often the primary marks itself alive and checks that Redis still has its epoch. */
  heartbeatMs: number;
  log?: (line: string) => void;
}

export type PublisherStatus = 'up' | 'down' | 'starting';

type Client = ReturnType<typeof createClient>;
/** One change's topics, as the hub's calls in one task left them: events, sent again, or ended. */
type Batch = Map<string, { events: SseEvent[]; again: boolean; end: boolean }>;

const CONNECT_TIMEOUT_MS = 3000;
/** Steps queued behind a link that does not answer before changes stop queueing one each. */
const MAX_PENDING = 64;

export class Publisher {
  private readonly keys: VenueKeys;
  private readonly client: Client;
  private readonly log: (line: string) => void;
  private epoch: string | null = null;
  /** Entries written under `epoch` by this process's knowledge (a lower count in Redis: it was restored). */
  private n = 0;
  /** Set when something may not have reached Redis: the next step sends the whole venue again. */
  private needSync = true;
  private chain: Promise<void> = Promise.resolve();
  private batch: Batch | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private status: PublisherStatus = 'starting';
  /** Changes written, entries skipped as already there, whole-venue sends and resets (health). */
  readonly counts = { entries: 0, skipped: 0, resyncs: 0, resets: 0, failed: 0 };

  private started = false;
  /** Steps queued and not yet done. */
  private pending = 0;

  private constructor(private readonly opts: PublisherOptions) {
    this.keys = venueKeys(opts.prefix, opts.venue);
    this.log = opts.log ?? ((line) => console.warn(line));
    this.client = createClient({
      url: opts.url,
      name: 'bagtrax-publisher',
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // At start an unreachable Redis is an error to report; later, retry with backoff for ever.
        reconnectStrategy: (retries, cause) =>
          this.started ? Math.min(100 * 2 ** retries, 5000) + Math.floor(Math.random() * 100) : cause,
      },
      // A change while Redis is away is not queued: the whole venue goes again once it is back.
      disableOfflineQueue: true,
    });
    this.client.on('error', (err: unknown) => {
      // Before the start succeeds, the start's own one line says what went wrong.
      if (!this.started) return;
      if (this.status !== 'down') this.log(`Publishing to relays paused: ${oneLine(err)}; reconnecting`);
      this.setDown();
    });
    this.client.on('ready', () => {
      this.needSync = true;
      this.enqueue(() => this.sync());
    });
  }

  /**
   * Connects and sends the whole venue; resolves once it is on Redis (or the send failed, and goes
   * again on the next heartbeat). A Redis that cannot be reached rejects, naming REDIS_URL.
   */
  static async start(opts: PublisherOptions): Promise<Publisher> {
    const publisher = new Publisher(opts);
    try {
      await publisher.client.connect();
      publisher.started = true;
    } catch (err) {
      // A client whose connect failed is closed already, and destroy() would throw.
      if (publisher.client.isOpen) publisher.client.destroy();
      throw new Error(`Cannot reach Redis at REDIS_URL=${redact(opts.url)} (${oneLine(err)})`);
    }
    publisher.timer = setInterval(() => publisher.beat(), opts.heartbeatMs);
    publisher.timer.unref();
    // The first send of the whole venue (queued on 'ready'): relays have it once this resolves.
    await publisher.settled();
    return publisher;
  }

  /** Whether the last step reached Redis. */
  state(): PublisherStatus {
    return this.status;
  }

  /** Resolves when every change recorded so far has been written (tests, and a clean stop). */
  async settled(): Promise<void> {
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    let last: Promise<void>;
    do {
      last = this.chain;
      await last;
    } while (last !== this.chain);
  }

  // ---- what the hub publishes --------------------------------------------------------------------

  /** One topic's events; the calls of one change (one task) become one entry. */
  record(topic: Topic, events: readonly SseEvent[], again: boolean): void {
    if (this.closed) return;
    const batch = this.open();
    const before = batch.get(topic);
    if (before && !before.end) {
      before.events.push(...events);
      before.again ||= again;
    } else batch.set(topic, { events: [...events], again, end: false });
  }

  /** A game whose state changed, told to its streams or not: its doc goes with this change. */
  recordGame(gameId: string): void {
    if (this.closed) return;
    const batch = this.open();
    const topic = `game:${gameId}`;
    if (!batch.has(topic)) batch.set(topic, { events: [], again: true, end: false });
  }

  /** A removed game's topic. */
  recordEnd(topic: Topic): void {
    if (this.closed) return;
    this.open().set(topic, { events: [], again: false, end: true });
  }

  private open(): Batch {
    if (this.batch) return this.batch;
    const batch: Batch = new Map();
    this.batch = batch;
    queueMicrotask(() => {
      this.batch = null;
      // A link that hangs without failing (a silent network) would queue a step per change for as
      // long as TCP waits: past a few, the whole venue goes once instead, when Redis answers.
      if (this.pending >= MAX_PENDING) {
        if (!this.needSync) {
          this.needSync = true;
          this.enqueue(() => this.sync());
        }
        return;
      }
      // The docs are read now, in the task that made the change: they are what its events announce.
      const items = this.itemsOf(batch);
      if (items.length) this.enqueue(() => this.publish(items));
    });
    return batch;
  }

  private itemsOf(batch: Batch): Item[] {
    const games = this.opts.games;
    const items: Item[] = [];
    for (const [topic, b] of batch) {
      // The version checked is the one the events announce, not the doc's: the doc is read now and
      // may already hold the next change, whose own events must not then be skipped as "already there".
      const version = maxId(b.events);
      if (topic === 'venue') {
        const doc = venueDoc(games);
        items.push({
          kind: 'venue',
          id: '',
          version: b.events.length ? version : doc.seq,
          again: b.again,
          doc: JSON.stringify(doc),
          events: b.events,
        });
      } else if (topic.startsWith('tournament:')) {
        const id = topic.slice('tournament:'.length);
        const state = games.tournaments.get(id);
        if (state) {
          items.push({
            kind: 'tournament',
            id,
            version: b.events.length ? version : state.version,
            again: b.again,
            doc: JSON.stringify(state),
            events: b.events,
          });
        }
      } else {
        const id = topic.slice('game:'.length);
        const g = b.end ? null : games.withTimes(id);
        if (g === null) {
          items.push({ kind: 'end', id, version: 0, again: false, doc: removedDoc(games, id), events: [] });
        } else {
          // Without events (a game created or started) the doc goes at the version it has; with
          // them, at the version they announce (the doc may already hold a later change).
          const doc = gameDoc(g);
          items.push({
            kind: 'game',
            id,
            version: b.events.length ? version : g.state.version,
            again: b.again,
            doc,
            events: b.events,
          });
        }
      }
    }
    return items;
  }

  // ---- writing to Redis ----------------------------------------------------------------------------

  private enqueue(step: () => Promise<void>): void {
    this.pending++;
    this.chain = this.chain
      .then(step)
      .catch((err: unknown) => {
        this.counts.failed++;
        this.needSync = true;
        this.setDown();
        this.log(
          `Publishing to relays failed: ${oneLine(err)}; the whole venue goes again once Redis answers`,
        );
      })
      .finally(() => {
        this.pending--;
      });
  }

  private async publish(items: Item[]): Promise<void> {
    // While something may be missing, the next sync sends the whole venue (this change included).
    if (this.needSync || this.closed) return;
    const [what, , n] = await this.publishItems(items);
    if (what === 'epoch') {
      // Redis lost the venue (FLUSHALL, a restart without persistence): send it all under a new epoch.
      this.needSync = true;
      return this.sync();
    }
    if (what === 'ok') {
      this.counts.entries++;
      if (Number(n) <= this.n) {
        // The count went back: Redis holds an older copy of this epoch (restored, or failed over
        // to a replica that missed the last entries). Send the venue again, under a new epoch.
        this.needSync = true;
        return this.sync();
      }
      this.n = Number(n);
    } else this.counts.skipped++;
    this.setUp();
  }

  /** `bagtrax_publish` under the current epoch: `ok` with the entry's id and count, `skip`, or `epoch`. */
  private async publishItems(items: Item[]): Promise<[string, string?, number?]> {
    const args = [this.epoch!, String(this.opts.streamLength), ...items.flatMap(itemArgs)];
    return (await this.fcall('bagtrax_publish', args)) as [string, string?, number?];
  }

  /** Sends the whole venue: version-checked when Redis still has our epoch, else a reset. */
  private async sync(): Promise<void> {
    if (this.closed || !this.client.isReady) return;
    await this.ensureFunctions();
    const meta = (await this.client.hGetAll(this.keys.meta)) as Record<string, string>;
    const items = wholeVenue(this.opts.games);
    const known = this.epoch === null ? meta.epoch : this.epoch;
    const restored = meta.epoch !== undefined && Number(meta.n ?? 0) < this.n && meta.epoch === this.epoch;
    if (meta.epoch === undefined || meta.closed === '1' || meta.epoch !== known || restored) {
      await this.reset(items, false);
    } else {
      this.epoch = meta.epoch;
      const [what, , n] = await this.publishItems(items);
      if (what === 'epoch') return this.reset(items, false);
      this.n = Number(what === 'ok' ? n : (meta.n ?? 0));
      this.counts.resyncs++;
    }
    this.needSync = false;
    this.setUp();
  }

  private async reset(items: Item[], closed: boolean): Promise<void> {
    const epoch = randomBytes(9).toString('base64url');
    const args = [epoch, closed ? '1' : '0'];
    for (const item of items) args.push(item.kind, item.id, String(item.version), item.doc);
    await this.fcall('bagtrax_reset', args);
    this.epoch = epoch;
    this.n = 0;
    this.counts.resets++;
  }

  private beat(): void {
    if (this.closed || !this.client.isReady) return;
    this.enqueue(async () => {
      if (this.needSync) return this.sync();
      const alive = await this.fcall('bagtrax_beat', [this.epoch!, String(Date.now())], [this.keys.meta]);
      if (alive === 0) {
        // The epoch is gone though the link stayed up (FLUSHALL): everything goes again.
        this.needSync = true;
        return this.sync();
      }
      this.setUp();
    });
  }

  private async ensureFunctions(): Promise<void> {
    // Loaded, and this very code (an older BagTrax may have loaded another under the same name).
    const listed = (await this.client.sendCommand([
      'FUNCTION',
      'LIST',
      'LIBRARYNAME',
      LIBRARY,
      'WITHCODE',
    ])) as unknown[];
    const library = Array.isArray(listed) ? (listed[0] as unknown[] | undefined) : undefined;
    const at = Array.isArray(library) ? library.indexOf('library_code') : -1;
    if (at >= 0 && library![at + 1] === FUNCTIONS) return;
    await this.client.sendCommand(['FUNCTION', 'LOAD', 'REPLACE', FUNCTIONS]);
  }

  private async fcall(name: string, args: string[], keys = keyList(this.keys)): Promise<unknown> {
    try {
      return await this.client.sendCommand(['FCALL', name, String(keys.length), ...keys, ...args]);
    } catch (err) {
      // A Redis restarted without persistence has forgotten the functions: load them and try again.
      if (!/function not found/i.test(oneLine(err))) throw err;
      await this.ensureFunctions();
      return this.client.sendCommand(['FCALL', name, String(keys.length), ...keys, ...args]);
    }
  }

  private setUp(): void {
    this.status = 'up';
  }

  private setDown(): void {
    this.status = 'down';
  }

  /**
   * Stops publishing. `withdraw` (the organiser turned publishing off) also takes the venue's boards
   * off Redis, leaving relays an empty, closed venue; a plain stop (the server stopping) leaves them
   * the last state.
   */
  async close(withdraw = false): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    await this.settled();
    this.closed = true;
    if (withdraw && this.client.isReady) {
      try {
        await this.ensureFunctions();
        await this.reset([], true);
      } catch (err) {
        this.log(`Could not withdraw the venue from Redis: ${oneLine(err)}`);
      }
    }
    this.client.destroy();
  }
}

/** A hub that also hands every publish and end to the publisher, when there is one now. */
export function publishingHub(inner: Hub, publisher: () => Publisher | null): Hub {
  return {
    open: inner.open,
    stats: inner.stats,
    count: inner.count,
    latest: inner.latest,
    close: inner.close,
    publish(topic, events, options) {
      inner.publish(topic, events, options);
      publisher()?.record(topic, events, options?.again === true);
    },
    touched(gameId) {
      publisher()?.recordGame(gameId);
    },
    end(topic) {
      inner.end(topic);
      publisher()?.recordEnd(topic);
    },
  };
}
