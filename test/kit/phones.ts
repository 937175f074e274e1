// Spectators' phones on relays: an SSE client that, like a browser's EventSource behind a load
// balancer, reconnects when its stream ends, to the next relay that answers, with the Last-Event-ID
// of the last event it received. Every event of every connection is kept in order, so a test can
// count what a phone saw go backwards or twice.
import { SseClient, type SseMessage } from './sse.js';

export interface Heard {
  id: number;
  event: string;
  data: string;
  /** Which connection of the phone brought it (0 for the first). */
  conn: number;
}

export interface PhoneOptions {
  /** Where the phone may go when its stream ends, tried in turn from the one after where it was. */
  relays: () => string[];
  /** How long it waits before reconnecting (EventSource's `retry`). */
  retryMs?: number;
}

export class Phone {
  private readonly conns: SseClient[] = [];
  private current: SseClient | null = null;
  private closed = false;
  private moving: Promise<void> | null = null;
  base: string;
  /** Connections after the first (moves and reconnects). */
  reconnects = 0;

  private constructor(
    readonly path: string,
    base: string,
    private readonly opts: PhoneOptions,
  ) {
    this.base = base;
  }

  /** Opens `path` on `base` (a relay's URL) as a page would, from the version it rendered (`since`). */
  static async open(base: string, path: string, opts: PhoneOptions, since?: number): Promise<Phone> {
    const phone = new Phone(path, base, opts);
    const query = since === undefined ? '' : `${path.includes('?') ? '&' : '?'}since=${since}`;
    await phone.connect(base, {}, query);
    return phone;
  }

  /** Everything the phone received, over all its connections, in order. */
  heard(): Heard[] {
    return this.conns.flatMap((c, conn) =>
      c.events.map((e: SseMessage) => ({
        id: Number(e.id),
        event: e.event ?? 'message',
        data: e.data,
        conn,
      })),
    );
  }

  /** The id of the last event received (what it resumes from); null before any. */
  lastId(): number | null {
    for (let i = this.conns.length - 1; i >= 0; i--) {
      const last = this.conns[i]!.events.at(-1);
      if (last?.id !== undefined) return Number(last.id);
    }
    return null;
  }

  /** The version the phone shows: its last `state` event's (a game's or tournament's stream). */
  lastState(): number | null {
    for (let i = this.conns.length - 1; i >= 0; i--) {
      const events = this.conns[i]!.events;
      for (let j = events.length - 1; j >= 0; j--) {
        if (events[j]!.event === 'state') return Number(events[j]!.id);
      }
    }
    return null;
  }

  /** Whether a stream is open right now. */
  live(): boolean {
    return this.current !== null && this.current.status === 200 && !this.current.ended;
  }

  /** Closes the stream and opens it on `base` with the Last-Event-ID (a phone sent elsewhere). */
  async moveTo(base: string): Promise<void> {
    this.current?.close();
    await this.reconnect([base]);
  }

  close(): void {
    this.closed = true;
    this.current?.close();
  }

  /** Resolves once the phone has a stream again after a move (for a test that waits for it). */
  settled(): Promise<void> {
    return this.moving ?? Promise.resolve();
  }

  private async connect(base: string, headers: Record<string, string>, query = ''): Promise<boolean> {
    let c: SseClient;
    try {
      c = await SseClient.open(`${base}${this.path}${query}`, headers);
    } catch {
      return false;
    }
    if (c.status !== 200) {
      c.close();
      return false;
    }
    if (this.conns.length > 0) this.reconnects++;
    this.conns.push(c);
    this.current = c;
    this.base = base;
    // An EventSource reconnects when its stream ends; a never-matching wait rejects exactly then.
    void c
      .waitFor(() => false, 2 ** 31 - 1)
      .catch(() => {
        if (!this.closed && this.current === c) this.moving = this.reconnect();
      });
    return true;
  }

  /** Tries each relay in turn (the next after the last one first) until one gives a stream. */
  private async reconnect(only?: string[]): Promise<void> {
    const retryMs = this.opts.retryMs ?? 200;
    this.current = null;
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, only ? 0 : retryMs));
      const relays = only ?? this.opts.relays();
      const from = Math.max(0, relays.indexOf(this.base));
      for (let k = 1; k <= relays.length && !this.closed; k++) {
        const base = relays[(from + k) % relays.length]!;
        const last = this.lastId();
        if (await this.connect(base, last === null ? {} : { 'Last-Event-ID': String(last) })) return;
      }
      if (only && attempt > 50) throw new Error(`${this.path} could not reconnect to ${only.join(', ')}`);
    }
  }
}

export interface StreamFaults {
  /** Events whose id is below one the phone already had (a version gone backwards). */
  backwards: number;
  /** (id, event) pairs the phone received more than once. */
  duplicates: number;
  /** `state` events whose data carries another version than their id. */
  mismatched: number;
}

/** What was wrong with what one phone heard, over all its connections. */
export function streamFaults(heard: readonly Heard[]): StreamFaults {
  let top = -Infinity;
  const seen = new Set<string>();
  const faults: StreamFaults = { backwards: 0, duplicates: 0, mismatched: 0 };
  for (const e of heard) {
    if (e.id < top) faults.backwards++;
    top = Math.max(top, e.id);
    const key = `${e.id} ${e.event}`;
    if (seen.has(key)) faults.duplicates++;
    seen.add(key);
    if (e.event === 'state' && (JSON.parse(e.data) as { version: number }).version !== e.id)
      faults.mismatched++;
  }
  return faults;
}
