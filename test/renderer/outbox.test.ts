// The keeper's outbox driven through whole Wi-Fi drops without a browser and without real waiting: a
// fake clock, a fake storage, and a fake server that runs the real cornhole rules with the contract's
// expectedVersion and Idempotency-Key (replaying refusals to retries, or deciding them afresh).
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createGameEvent,
  decide,
  evolve,
  liveState,
  replay,
  type Command,
  type Game,
} from '../../server/domain/index.js';
import type { BagResult, GameState, LiveState, RoundCount, Side } from '../../server/domain/types.js';
import { bagsBetween, type Tap } from '../../renderer/taps.js';
import {
  canResend,
  legacyKey,
  MAX_RETRY_MS,
  Outbox,
  retryDelay,
  storageKey,
  type Clock,
  type OutboxView,
  type StorageLike,
} from '../../renderer/outbox.js';

const at = '2026-11-28T20:00:00.000Z';
const GAME = 'g1';

/** Lets every promise the outbox chained on a settled fetch run to its end. */
async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

class FakeClock implements Clock {
  t = 1_000_000;
  private seq = 0;
  readonly timers = new Map<number, { at: number; ms: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): number {
    this.seq += 1;
    this.timers.set(this.seq, { at: this.t + ms, ms, fn });
    return this.seq;
  }
  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }
  /** Moves time on by `ms`, firing each timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flush();
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

class MemoryStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

interface Sent {
  key: string;
  path: string;
  body: Record<string, unknown>;
}

/** The server's side of the contract, on the real rules. */
class FakeServer {
  game: Game = replay([
    createGameEvent({
      id: GAME,
      board: 1,
      home: { name: 'Bag Daddies', players: [] },
      away: { name: 'Hole Patrol', players: [] },
      at,
    }),
  ]);
  online = true;
  /** The request reaches the server and is decided, but its answer never comes back. */
  loseAnswers = false;
  /** Requests get no answer at all until aborted. */
  hang = false;
  signedIn = true;
  removed = false;
  /** CONTRACT.md: every decided answer is replayed to a retry; false: only 2xx (the server before). */
  replayRefusals = true;
  busy: { status: number; retryAfter: string } | null = null;
  readonly requests: Sent[] = [];
  private readonly answers = new Map<string, { status: number; body: unknown }>();
  inFlight = 0;
  maxInFlight = 0;

  get state(): GameState {
    return this.game.state;
  }
  get bags(): number {
    const s = this.game.state;
    const open = (['home', 'away'] as const).reduce(
      (n, side) => n + s.round[side].hole + s.round[side].board + s.round[side].miss,
      0,
    );
    return s.rounds.length * 8 + open;
  }

  /** Another keeper's write, straight to the server. */
  other(command: Command): void {
    const d = decide(command, this.game.state, at);
    if (!d.ok) throw new Error(d.message);
    this.game = d.events.reduce(evolve, this.game);
  }

  readonly fetch = async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const sent: Sent = {
      key: headers['Idempotency-Key']!,
      path: url,
      body: JSON.parse(String(init.body)) as Record<string, unknown>,
    };
    this.requests.push(sent);
    if (!this.online) throw new TypeError('Failed to fetch');
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await Promise.resolve();
      if (this.hang) {
        await new Promise((_, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        );
      }
      const { status, body, headers: extra } = this.decide(sent);
      if (this.loseAnswers) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(body), { status, headers: extra });
    } finally {
      this.inFlight -= 1;
    }
  };

  private decide(sent: Sent): { status: number; body: unknown; headers?: Record<string, string> } {
    if (this.busy) {
      const { status, retryAfter } = this.busy;
      return { status, body: { error: 'Busy.', code: 'busy' }, headers: { 'Retry-After': retryAfter } };
    }
    if (!this.signedIn) return { status: 401, body: { error: 'Sign in.', code: 'keeper_required' } };
    if (this.removed) return { status: 404, body: { error: 'No such game.', code: 'not_found' } };
    const stored = this.answers.get(sent.key);
    if (stored) return stored;
    const answer = this.command(sent);
    if (answer.status < 300 || this.replayRefusals) this.answers.set(sent.key, answer);
    return answer;
  }

  private command(sent: Sent): { status: number; body: unknown } {
    const kind = sent.path.split('/').pop();
    const b = sent.body as { side: Side; result: BagResult; home: RoundCount; away: RoundCount };
    const command: Command =
      kind === 'throws'
        ? { type: 'throw', side: b.side, result: b.result }
        : kind === 'rounds'
          ? { type: 'round', home: b.home, away: b.away }
          : { type: 'undo' };
    const state = this.game.state;
    if (sent.body.expectedVersion !== state.version) {
      return { status: 409, body: { error: 'The game has moved on.', code: 'version_conflict', state } };
    }
    const d = decide(command, state, at);
    if (!d.ok) return { status: 409, body: { error: d.message, code: d.code, state } };
    this.game = d.events.reduce(evolve, this.game);
    return { status: 200, body: this.game.state };
  }
}

const throwTap = (side: 'home' | 'away', result: 'hole' | 'board' | 'miss' = 'hole'): Tap => ({
  kind: 'throw',
  side,
  result,
});

function harness(
  opts: { server?: FakeServer; storage?: MemoryStorage; clock?: FakeClock; state?: LiveState } = {},
) {
  const server = opts.server ?? new FakeServer();
  const storage = opts.storage ?? new MemoryStorage();
  const clock = opts.clock ?? new FakeClock();
  let n = 0;
  const views: OutboxView[] = [];
  const outbox = new Outbox({
    gameId: GAME,
    fetch: server.fetch,
    clock,
    storage,
    state: opts.state ?? liveState(server.state),
    newKey: () => `key-${(n += 1)}-${Math.random().toString(36).slice(2, 6)}`,
    random: () => 1,
    onChange: (v) => views.push(v),
  });
  outbox.start();
  const last = () => outbox.view;
  return { server, storage, clock, outbox, views, last };
}

describe('stamping a tap', () => {
  it('stamps each tap when tapped with the version the keeper saw plus its place in the queue', () => {
    const { server, outbox, storage } = harness();
    server.online = false;
    server.other({ type: 'throw', side: 'away', result: 'board' });
    outbox.seen(liveState(server.state)); // the keeper sees version 1
    const a = outbox.add(throwTap('home'));
    const b = outbox.add({ kind: 'undo' });
    const c = outbox.add({ kind: 'round', home: { hole: 1, board: 0 }, away: { hole: 0, board: 0 } });
    expect([a.expectedVersion, b.expectedVersion, c.expectedVersion]).toEqual([1, 2, 3]);
    expect(new Set([a.key, b.key, c.key]).size).toBe(3);
    expect(a).toMatchObject({
      method: 'POST',
      path: `/api/games/${GAME}/throws`,
      body: { side: 'home', result: 'hole', expectedVersion: 1 },
    });
    expect(b).toMatchObject({ path: `/api/games/${GAME}/undo`, body: { expectedVersion: 2 } });
    expect(c.body).toEqual({ home: { hole: 1, board: 0 }, away: { hole: 0, board: 0 }, expectedVersion: 3 });
    // Stored the moment it is tapped, before any answer.
    const saved = JSON.parse(storage.getItem(storageKey(GAME))!) as { queue: { key: string }[] };
    expect(saved.queue.map((r) => r.key)).toEqual([a.key, b.key, c.key]);
  });

  it('keeps the chain when the stream moves on under waiting taps, and restarts it from what is seen', async () => {
    const { server, outbox, clock } = harness();
    server.online = false;
    const a = outbox.add(throwTap('home'));
    server.other({ type: 'throw', side: 'away', result: 'hole' });
    outbox.seen(liveState(server.state));
    // Still based on the first tap landing: the server decides, not a guess from the stream.
    expect(outbox.add(throwTap('home')).expectedVersion).toBe(a.expectedVersion + 1);
    server.online = true;
    await clock.advance(MAX_RETRY_MS);
    expect(outbox.view.held?.records).toHaveLength(2);
    outbox.discard();
    expect(outbox.add(throwTap('away')).expectedVersion).toBe(1);
  });
});

describe('keys', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives every tap a random key of its own, also on a plain-http page without randomUUID', () => {
    vi.stubGlobal('crypto', {
      getRandomValues: <T extends Uint8Array>(a: T) => webcrypto.getRandomValues(a),
    });
    const server = new FakeServer();
    server.online = false;
    const outbox = new Outbox({
      gameId: GAME,
      fetch: server.fetch,
      clock: new FakeClock(),
      storage: null,
      state: liveState(server.state),
    });
    const keys = Array.from({ length: 50 }, () => outbox.add(throwTap('home')).key);
    expect(new Set(keys).size).toBe(50);
    expect(keys.every((k) => /^[0-9a-f]{32}$/.test(k))).toBe(true);
    outbox.dispose();
  });
});

describe('sending', () => {
  it('sends in tap order, one request at a time, and settles each with the server’s answer', async () => {
    const { server, outbox, clock } = harness();
    const taps = [throwTap('home', 'hole'), throwTap('away', 'board'), throwTap('home', 'miss')];
    const records = taps.map((t) => outbox.add(t));
    expect(server.requests).toHaveLength(1); // the second waits for the first's answer
    await clock.advance(0);
    expect(server.maxInFlight).toBe(1);
    expect(server.requests.map((r) => r.key)).toEqual(records.map((r) => r.key));
    expect(server.state.version).toBe(3);
    expect(server.state.round.home).toEqual({ hole: 1, board: 0, miss: 1 });
    expect(outbox.view.queue).toEqual([]);
    expect(outbox.view.state?.version).toBe(3);
  });

  it('retries a tap with the same key and body until the server answers, and counts it once', async () => {
    const { server, outbox, clock } = harness();
    server.online = false;
    const a = outbox.add(throwTap('home'));
    await clock.advance(20_000);
    expect(server.requests.length).toBeGreaterThan(3);
    expect(outbox.view.retrying).toBe(true);
    server.online = true;
    await clock.advance(MAX_RETRY_MS);
    expect(new Set(server.requests.map((r) => r.key))).toEqual(new Set([a.key]));
    expect(new Set(server.requests.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(server.bags).toBe(1);
    expect(outbox.view.queue).toEqual([]);
    expect(outbox.view.retrying).toBe(false);
  });

  it('gets the first answer again when an accepted tap’s answer was lost', async () => {
    const { server, outbox, clock } = harness();
    server.loseAnswers = true;
    outbox.add(throwTap('home'));
    outbox.add(throwTap('away'));
    await clock.advance(0);
    expect(server.state.version).toBe(1); // recorded, but the pad never heard
    server.loseAnswers = false;
    await clock.advance(MAX_RETRY_MS);
    expect(server.state.version).toBe(2);
    expect(server.bags).toBe(2);
    expect(outbox.view.queue).toEqual([]);
    expect(outbox.view.held).toBeNull();
  });

  for (const replayRefusals of [true, false]) {
    it(`never records a refused tap whose answer was lost (refusals ${replayRefusals ? 'replayed' : 'decided again'})`, async () => {
      const server = new FakeServer();
      server.replayRefusals = replayRefusals;
      const { outbox, clock } = harness({ server });
      server.other({ type: 'throw', side: 'away', result: 'hole' });
      server.loseAnswers = true;
      outbox.add(throwTap('home')); // based on version 0: refused, and the 409 is lost
      await clock.advance(0);
      // Meanwhile the game moves on again; the retry with its key is still refused.
      server.other({ type: 'throw', side: 'away', result: 'miss' });
      server.loseAnswers = false;
      await clock.advance(MAX_RETRY_MS);
      expect(server.bags).toBe(2);
      expect(outbox.view.held?.code).toBe('version_conflict');
      expect(outbox.view.held?.records).toHaveLength(1);
    });
  }

  it('gives up a request with no answer after a while and sends it again with its key', async () => {
    const { server, outbox, clock } = harness();
    server.hang = true;
    const a = outbox.add(throwTap('home'));
    await clock.advance(5_000);
    server.hang = false;
    await clock.advance(MAX_RETRY_MS);
    expect(server.requests.map((r) => r.key)).toEqual([a.key, a.key]);
    expect(server.bags).toBe(1);
  });
});

describe('a conflict', () => {
  /**
   * The race: two taps while offline, another keeper's bag meanwhile, then back online. With
   * the stream still open the pad sees that bag while its taps wait; with the stream cut it does not.
   */
  async function race(streamSees = true) {
    const h = harness();
    h.server.online = false;
    const taps = [h.outbox.add(throwTap('home')), h.outbox.add(throwTap('home'))];
    await h.clock.advance(3_000);
    h.server.other({ type: 'throw', side: 'away', result: 'hole' });
    if (streamSees) h.outbox.seen(liveState(h.server.state));
    h.server.online = true;
    h.outbox.kick();
    await h.clock.advance(0);
    return { ...h, taps };
  }

  for (const streamSees of [true, false]) {
    describe(streamSees ? 'with the stream still open' : 'with the stream cut too', () => {
      it('stops the queue and holds the taps, showing the other keeper’s bags, with nothing recorded', async () => {
        const { server, outbox, clock, taps } = await race(streamSees);
        const view = outbox.view;
        expect(server.bags).toBe(1);
        expect(view.queue).toEqual([]);
        expect(view.held).toMatchObject({ status: 409, code: 'version_conflict', waited: true });
        expect(view.held?.records.map((r) => r.key)).toEqual(taps.map((t) => t.key));
        expect(view.held?.others).toEqual([{ side: 'away', result: 'hole', count: 1 }]);
        expect(view.state?.version).toBe(1);
        expect(canResend(view.held, view.state)).toBe(true);
        // The second tap was never sent: the queue stopped at the first refusal.
        const sentAfter = server.requests.length;
        await clock.advance(60_000);
        expect(server.requests.length).toBe(sentAfter);
        expect(server.requests.every((r) => r.key === taps[0]!.key)).toBe(true);
        expect(server.bags).toBe(1);
      });

      it('“send them on the new score” re-stamps them on the current version with new keys; each counts once', async () => {
        const { server, outbox, clock, taps } = await race(streamSees);
        outbox.resend();
        await clock.advance(0);
        const resent = server.requests.slice(-2);
        expect(resent.map((r) => r.body.expectedVersion)).toEqual([1, 2]);
        expect(resent.some((r) => taps.some((t) => t.key === r.key))).toBe(false);
        expect(server.bags).toBe(3);
        expect(server.state.round.home.hole).toBe(2);
        expect(outbox.view.held).toBeNull();
        expect(outbox.view.queue).toEqual([]);
      });

      it('“discard” drops them and records nothing', async () => {
        const { server, outbox, clock, storage } = await race(streamSees);
        outbox.discard();
        await clock.advance(60_000);
        expect(server.bags).toBe(1);
        expect(outbox.view.held).toBeNull();
        expect(storage.getItem(storageKey(GAME))).toBeNull();
      });
    });
  }

  it('lets new taps go on the new score while the held ones wait for a decision', async () => {
    const { server, outbox, clock } = await race();
    const c = outbox.add(throwTap('away', 'board'));
    expect(c.expectedVersion).toBe(1);
    await clock.advance(0);
    expect(server.bags).toBe(2);
    expect(outbox.view.held?.records).toHaveLength(2);
  });

  it('keeps held taps through a reload', async () => {
    const { storage, outbox } = await race();
    outbox.dispose();
    const again = harness({ storage, server: new FakeServer() });
    expect(again.last().held?.records).toHaveLength(2);
    expect(again.last().held?.others).toEqual([{ side: 'away', result: 'hole', count: 1 }]);
  });

  it('holds other refusals with the server’s sentence, offering to resend only while the game is live', async () => {
    const server = new FakeServer();
    for (let i = 0; i < 4; i++)
      server.other({ type: 'round', home: { hole: 2, board: 0 }, away: { hole: 0, board: 0 } });
    expect(server.state.status).toBe('final');
    const { outbox, clock } = harness({ server });
    outbox.add(throwTap('home'));
    await clock.advance(0);
    const view = outbox.view;
    expect(view.held).toMatchObject({ status: 409, code: 'game_final' });
    expect(view.held?.error).toMatch(/game is over/);
    expect(canResend(view.held, view.state)).toBe(false);
    expect(server.state.version).toBe(4);
  });
});

describe('signed out and removed games', () => {
  it('a 401 keeps the taps, stops trying, and resumes once signed in again', async () => {
    const { server, outbox, clock } = harness();
    server.signedIn = false;
    const a = outbox.add(throwTap('home'));
    outbox.add(throwTap('away'));
    await clock.advance(0);
    expect(outbox.view.pause).toBe('signed_out');
    expect(outbox.view.queue).toHaveLength(2);
    const tries = server.requests.length;
    await clock.advance(60_000);
    expect(server.requests.length).toBe(tries); // no hammering while nobody can sign in
    server.signedIn = true;
    outbox.kick(); // the pad is shown again, or reloaded after the sign-in
    await clock.advance(0);
    expect(outbox.view.pause).toBeNull();
    expect(server.requests.filter((r) => r.key === a.key).length).toBe(2);
    expect(server.bags).toBe(2);
  });

  it('a 404 says the game is gone, keeps the taps until the keeper discards them', async () => {
    const { server, outbox, clock, storage } = harness();
    server.removed = true;
    outbox.add(throwTap('home'));
    await clock.advance(0);
    expect(outbox.view.pause).toBe('gone');
    expect(outbox.view.queue).toHaveLength(1);
    outbox.kick();
    await clock.advance(60_000);
    expect(server.requests).toHaveLength(1);
    outbox.discard();
    expect(outbox.view.queue).toEqual([]);
    expect(storage.getItem(storageKey(GAME))).toBeNull();
  });

  it('a restored game takes the taps its removal held back, once its stream is open again', async () => {
    const { server, outbox, clock } = harness();
    server.removed = true;
    const a = outbox.add(throwTap('home'));
    await clock.advance(0);
    expect(outbox.view.pause).toBe('gone');
    server.removed = false;
    outbox.kick(); // coming back online says nothing about the game: still on hold
    await clock.advance(60_000);
    expect(outbox.view.pause).toBe('gone');
    outbox.found(); // the game's stream answered again
    await clock.advance(0);
    expect(outbox.view.pause).toBeNull();
    expect(outbox.view.queue).toEqual([]);
    expect(server.requests.map((r) => r.key)).toEqual([a.key, a.key]);
    expect(server.bags).toBe(1);
  });
});

describe('a reload', () => {
  it('a new outbox on the same storage continues with the same records and keys', async () => {
    const storage = new MemoryStorage();
    const server = new FakeServer();
    const first = harness({ server, storage });
    server.online = false;
    const taps = [first.outbox.add(throwTap('home')), first.outbox.add(throwTap('away', 'miss'))];
    await first.clock.advance(2_000);
    first.outbox.dispose();
    server.online = true;

    const second = harness({ server, storage });
    expect(second.last().queue).toEqual(taps);
    await second.clock.advance(0);
    expect(server.requests.slice(-2).map((r) => r.key)).toEqual(taps.map((t) => t.key));
    expect(server.bags).toBe(2);
    const sent = server.requests.length;
    await first.clock.advance(60_000); // the old page's retry timer went with it
    expect(server.requests.length).toBe(sent);
    expect(storage.getItem(storageKey(GAME))).toBeNull();
  });

  it('takes the old pad’s unstamped taps as held, for the keeper to send or discard', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      legacyKey(GAME),
      JSON.stringify([{ kind: 'throw', key: 'old', side: 'home', result: 'board' }, { kind: 'bogus' }]),
    );
    const { last } = harness({ storage });
    expect(last().held?.records.map((r) => r.tap)).toEqual([
      { kind: 'throw', side: 'home', result: 'board' },
    ]);
    expect(last().queue).toEqual([]);
    expect(storage.getItem(legacyKey(GAME))).toBeNull();
  });
});

describe('catching up when the connection returns', () => {
  it('never waits more than 5 s between tries, however long the drop', async () => {
    const { server, outbox, clock } = harness();
    server.online = false;
    outbox.add(throwTap('home'));
    for (let i = 0; i < 200; i++) {
      await clock.advance(3_000);
      for (const t of clock.timers.values()) expect(t.ms).toBeLessThanOrEqual(5_000);
    }
    server.online = true;
    await clock.advance(5_000);
    expect(server.bags).toBe(1);
  });

  it('sends at once on a kick (online, the stream reopened)', async () => {
    const { server, outbox, clock } = harness();
    server.online = false;
    outbox.add(throwTap('home'));
    await clock.advance(60_000);
    server.online = true;
    outbox.kick();
    await clock.advance(0);
    expect(server.bags).toBe(1);
  });

  it('a stream event while a retry waits sends at once', async () => {
    const { server, outbox, clock } = harness();
    server.online = false;
    outbox.add(throwTap('home'));
    await clock.advance(60_000);
    server.online = true;
    outbox.seen(liveState(server.state));
    await clock.advance(0);
    expect(server.bags).toBe(1);
  });

  it('a busy server’s Retry-After is honoured up to the same 5 s', async () => {
    const { server, outbox, clock } = harness();
    server.busy = { status: 503, retryAfter: '30' };
    outbox.add(throwTap('home'));
    await clock.advance(0);
    expect([...clock.timers.values()].map((t) => t.ms)).toEqual([MAX_RETRY_MS]);
    server.busy = null;
    await clock.advance(5_000);
    expect(server.bags).toBe(1);
  });

  it('backs off from half a second, doubling, jittered below the cap', () => {
    expect(retryDelay(1, 1)).toBe(500);
    expect(retryDelay(2, 1)).toBe(1000);
    expect(retryDelay(3, 0)).toBe(1500);
    expect(retryDelay(9, 1)).toBe(MAX_RETRY_MS);
    expect(retryDelay(1, 1, '2')).toBe(2000);
  });
});

describe('the other keeper’s bags', () => {
  const base = (s: FakeServer) => liveState(s.state);

  it('counts bags added in the same round, and taken back', () => {
    const s = new FakeServer();
    s.other({ type: 'throw', side: 'home', result: 'board' });
    const seen = base(s);
    s.other({ type: 'throw', side: 'away', result: 'hole' });
    s.other({ type: 'throw', side: 'away', result: 'hole' });
    expect(bagsBetween(seen, s.state)).toEqual([{ side: 'away', result: 'hole', count: 2 }]);
    s.other({ type: 'undo' });
    s.other({ type: 'undo' });
    s.other({ type: 'undo' });
    expect(bagsBetween(seen, s.state)).toEqual([{ side: 'home', result: 'board', count: -1 }]);
  });

  it('counts a whole round and the bags after it', () => {
    const s = new FakeServer();
    const seen = base(s);
    s.other({ type: 'round', home: { hole: 1, board: 2 }, away: { hole: 0, board: 1 } });
    s.other({ type: 'throw', side: 'home', result: 'hole' });
    expect(bagsBetween(seen, s.state)).toEqual([
      { side: 'home', result: 'hole', count: 2 },
      { side: 'home', result: 'board', count: 2 },
      { side: 'home', result: 'miss', count: 1 },
      { side: 'away', result: 'board', count: 1 },
      { side: 'away', result: 'miss', count: 3 },
    ]);
  });

  it('cannot tell bag by bag once an undo went back past the round the taps were based on', () => {
    const s = new FakeServer();
    s.other({ type: 'round', home: { hole: 1, board: 0 }, away: { hole: 0, board: 0 } });
    const seen = base(s);
    s.other({ type: 'undo' });
    expect(bagsBetween(seen, s.state)).toBeNull();
  });
});
