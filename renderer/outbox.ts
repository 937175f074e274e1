// The keeper's outbox: every tap is a record stamped when tapped with the version it is based on and
// its own Idempotency-Key, kept in storage per game, sent in order one at a time and retried with the
// same key until the server decides. A refusal stops the queue and holds the taps for the keeper to
// decide; nothing is applied or dropped behind their back. Fetch, clock and storage are passed in.
import type { ClosedRound, LiveState } from '../server/domain/types.js';
import { newer } from './islands/live-state.js';
import {
  bagsBetween,
  isRecord,
  liveOf,
  tapBody,
  tapOf,
  tapPath,
  type BagChange,
  type OutboxRecord,
  type Tap,
} from './taps.js';

/** Taps the server refused (or that were kept from before), waiting for the keeper's decision. */
export interface Held {
  /** The refusal's HTTP status; 0 for taps kept from an older pad. */
  status: number;
  code: string;
  /** The server's sentence. */
  error: string;
  records: OutboxRecord[];
  /** What changed on the server between the version the taps were based on and its answer. */
  others: BagChange[] | null;
  /** The refused tap had been waiting for the connection before the server answered. */
  waited: boolean;
}

/** The whole queue waits: the keeper is signed out, or the game is gone. */
export type Pause = 'signed_out' | 'gone' | null;

export interface OutboxView {
  queue: OutboxRecord[];
  held: Held | null;
  pause: Pause;
  /** The last try met no answer (or a busy server): the next one is scheduled. */
  retrying: boolean;
  /** The newest state the outbox knows (from the page, the stream and the server's answers). */
  state: LiveState | null;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface AnswerLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: RequestInit) => Promise<AnswerLike>;

export interface OutboxOptions {
  gameId: string;
  fetch: FetchLike;
  clock: Clock;
  /** null: the queue lives in memory only (private mode). */
  storage: StorageLike | null;
  /** The state the page was built from. */
  state: LiveState | null;
  newKey?: () => string;
  random?: () => number;
  onChange?: (view: OutboxView) => void;
}

/** The longest wait between tries: once the server answers again, the taps go within 5 s. */
export const MAX_RETRY_MS = 4000;
const FIRST_RETRY_MS = 500;
/** A request with no answer by then is given up and sent again with its key. */
export const REQUEST_TIMEOUT_MS = 5000;
/** A kick (the connection came back) abandons a request that has been hanging longer than this. */
const STALE_REQUEST_MS = 1000;

export function storageKey(gameId: string): string {
  return `bagtrax:outbox:${gameId}`;
}
/** Where the pad before the outbox kept its taps (no version, no order guarantee beyond the list). */
export function legacyKey(gameId: string): string {
  return `bagtrax:pending:${gameId}`;
}

/** Delay before try number `attempt` (1, 2, …): doubling from 0.5 s, never above MAX_RETRY_MS. */
export function retryDelay(attempt: number, random: number, retryAfter: string | null = null): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_MS);
  const jittered = base * (0.75 + 0.25 * random);
  const asked = Number(retryAfter) * 1000;
  return Number.isFinite(asked) && asked > 0 ? Math.max(jittered, Math.min(asked, MAX_RETRY_MS)) : jittered;
}

/** A refused batch can be sent again on the new score only where the game can still take it. */
export function canResend(held: Held | null, state: LiveState | null): boolean {
  if (!held || !state || state.status !== 'live') return false;
  return held.status === 409 || held.status === 0 || held.code === 'idempotency_key_reused';
}

function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

interface Saved {
  v: 1;
  base: LiveState | null;
  queue: OutboxRecord[];
  held: Held | null;
}

/** A random key; randomUUID exists only on secure pages, and the venue LAN is plain http. */
function randomKey(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Outbox {
  private queue: OutboxRecord[] = [];
  private held: Held | null = null;
  private pause: Pause = null;
  private retrying = false;
  private base: LiveState | null = null;
  private current: LiveState | null;
  private attempts = 0;
  private waited = false;
  private timer: unknown = null;
  private inflight: { controller: AbortController; startedAt: number } | null = null;
  /** A kick came while a request was out: should it fail, the next try goes at once. */
  private kicked = false;
  private disposed = false;
  private readonly newKey: () => string;
  private readonly random: () => number;

  constructor(private readonly o: OutboxOptions) {
    this.current = liveOf(o.state);
    this.newKey = o.newKey ?? randomKey;
    this.random = o.random ?? Math.random;
    this.load();
  }

  get view(): OutboxView {
    return {
      queue: [...this.queue],
      held: this.held ? { ...this.held, records: [...this.held.records] } : null,
      pause: this.pause,
      retrying: this.retrying,
      state: this.current,
    };
  }

  /** Starts sending what storage holds. */
  start(): void {
    this.emit();
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.inflight?.controller.abort();
  }

  /** The page saw a newer state (the stream): taps are stamped on it; a waiting retry goes now. */
  seen(state: LiveState): void {
    const before = this.current;
    this.current = newer(this.current, liveOf(state));
    if (this.current !== before) this.emit();
    if (this.retrying) this.kick();
  }

  /** Records a tap: stamped now, on the version the keeper sees plus its place in the queue. */
  add(tap: Tap): OutboxRecord {
    const last = this.queue[this.queue.length - 1];
    if (!last) this.base = this.current;
    const expectedVersion = last ? last.expectedVersion + 1 : (this.current?.version ?? 0);
    const record = this.stamp(tap, expectedVersion);
    this.queue.push(record);
    this.changed();
    this.pump();
    return record;
  }

  /** "Send them on the new score": the held taps join the queue on today's version, with new keys. */
  resend(): void {
    const held = this.held;
    if (!held) return;
    this.held = null;
    for (const r of held.records) {
      const last = this.queue[this.queue.length - 1];
      if (!last) this.base = this.current;
      this.queue.push(this.stamp(r.tap, last ? last.expectedVersion + 1 : (this.current?.version ?? 0)));
    }
    this.changed();
    this.pump();
  }

  /** "Discard": the held taps are dropped; for a removed game, every waiting tap with them. */
  discard(): void {
    this.held = null;
    if (this.pause === 'gone') {
      this.queue = [];
      this.base = null;
    }
    this.changed();
  }

  /**
   * The game's stream is open, so the game is there (again: the organiser restored it): taps held
   * back by its removal go now, on the versions they were stamped with.
   */
  found(): void {
    if (this.pause === 'gone') {
      this.pause = null;
      this.emit();
    }
    this.kick();
  }

  /** The connection is back (online, stream reopened, page shown again): try now, not at the timer. */
  kick(): void {
    if (this.disposed || this.pause === 'gone') return;
    if (this.pause === 'signed_out') this.pause = null;
    if (this.inflight) {
      this.kicked = true;
      if (this.o.clock.now() - this.inflight.startedAt > STALE_REQUEST_MS) this.inflight.controller.abort();
      return;
    }
    this.clearTimer();
    this.pump();
  }

  private stamp(tap: Tap, expectedVersion: number): OutboxRecord {
    return {
      key: this.newKey(),
      expectedVersion,
      method: 'POST',
      path: tapPath(this.o.gameId, tap),
      body: tapBody(tap, expectedVersion),
      tap,
      tappedAt: this.o.clock.now(),
    };
  }

  private pump(): void {
    if (this.disposed || this.inflight || this.timer !== null || this.pause) return;
    const record = this.queue[0];
    if (record) void this.send(record);
  }

  private async send(record: OutboxRecord): Promise<void> {
    const controller = new AbortController();
    const { clock } = this.o;
    const timeout = clock.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    this.inflight = { controller, startedAt: clock.now() };
    let status = 0;
    let body: Record<string, unknown> = {};
    let retryAfter: string | null = null;
    try {
      const res = await this.o.fetch(record.path, {
        method: record.method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.key },
        body: JSON.stringify(record.body),
        signal: controller.signal,
      });
      const text = await res.text();
      status = res.status;
      retryAfter = res.headers.get('Retry-After');
      try {
        body = (JSON.parse(text) as Record<string, unknown>) ?? {};
      } catch {
        body = {};
      }
    } catch {
      status = 0;
    } finally {
      clock.clearTimeout(timeout);
      this.inflight = null;
    }
    if (this.disposed) return;
    if (this.queue[0] !== record) return this.pump();
    this.settle(status, body, retryAfter);
  }

  private settle(status: number, body: Record<string, unknown>, retryAfter: string | null): void {
    const kicked = this.kicked;
    this.kicked = false;
    if (status >= 200 && status < 300) {
      this.queue.shift();
      const answer = liveOf(body);
      this.current = newer(this.current, answer);
      this.base = answer ?? this.current;
      this.calm();
      this.changed();
      return this.pump();
    }
    if (isRetryable(status)) {
      this.attempts += 1;
      this.waited = true;
      this.retrying = true;
      this.emit();
      const delay = kicked && status === 0 ? 0 : retryDelay(this.attempts, this.random(), retryAfter);
      this.timer = this.o.clock.setTimeout(() => {
        this.timer = null;
        this.pump();
      }, delay);
      return;
    }
    if (status === 401 || status === 404) {
      this.pause = status === 401 ? 'signed_out' : 'gone';
      this.calm(false);
      return this.emit();
    }
    this.hold(status, body);
  }

  /** A refusal: the refused tap and every tap stamped after it wait for the keeper. */
  private hold(status: number, body: Record<string, unknown>): void {
    const raw = body.state as (LiveState & { rounds?: ClosedRound[] }) | undefined;
    const now = liveOf(raw);
    this.current = newer(this.current, now);
    const others = this.base && raw && now ? bagsBetween(this.base, raw) : null;
    const records = this.queue.splice(0);
    const code = typeof body.code === 'string' ? body.code : `http_${status}`;
    const error = typeof body.error === 'string' ? body.error : 'The scoreboard refused this tap.';
    const before = this.held;
    this.held = {
      status,
      code,
      error,
      records: [...(before?.records ?? []), ...records],
      others: before?.others && others ? [...before.others, ...others] : (others ?? before?.others ?? null),
      waited: this.waited || (before?.waited ?? false),
    };
    this.base = null;
    this.calm();
    this.changed();
  }

  private calm(resetWait = true): void {
    this.attempts = 0;
    this.retrying = false;
    if (resetWait) this.waited = false;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private changed(): void {
    this.save();
    this.emit();
  }

  private emit(): void {
    if (!this.disposed) this.o.onChange?.(this.view);
  }

  private save(): void {
    const s = this.o.storage;
    if (!s) return;
    try {
      if (!this.queue.length && !this.held) s.removeItem(storageKey(this.o.gameId));
      else {
        const saved: Saved = { v: 1, base: this.base, queue: this.queue, held: this.held };
        s.setItem(storageKey(this.o.gameId), JSON.stringify(saved));
      }
    } catch {
      // Storage full or refused: the queue still lives in memory.
    }
  }

  private load(): void {
    const s = this.o.storage;
    if (!s) return;
    try {
      const saved = JSON.parse(s.getItem(storageKey(this.o.gameId)) ?? 'null') as Partial<Saved> | null;
      if (saved && saved.v === 1) {
        this.queue = Array.isArray(saved.queue) ? saved.queue.filter(isRecord) : [];
        this.base = liveOf(saved.base) ?? (this.queue.length ? null : this.current);
        const h = saved.held;
        if (h && Array.isArray(h.records)) this.held = { ...h, records: h.records.filter(isRecord) };
      }
    } catch {
      // Unreadable: nothing can be shown or sent from it.
    }
    this.adoptLegacy(s);
  }

  /** Taps left by the pad before the outbox carry no version: the keeper decides, like a conflict. */
  private adoptLegacy(s: StorageLike): void {
    try {
      const raw = s.getItem(legacyKey(this.o.gameId));
      if (raw === null) return;
      const old = JSON.parse(raw) as unknown;
      const taps = (Array.isArray(old) ? old : []).map(tapOf).filter((t): t is Tap => t !== null);
      if (taps.length) {
        const v = this.current?.version ?? 0;
        this.held = {
          status: 0,
          code: 'kept',
          error: 'These taps were kept from before the pad was updated.',
          records: [...(this.held?.records ?? []), ...taps.map((t) => this.stamp(t, v))],
          others: null,
          waited: true,
        };
      }
      s.removeItem(legacyKey(this.o.gameId));
      this.save();
    } catch {
      // Unreadable: leave it.
    }
  }
}
