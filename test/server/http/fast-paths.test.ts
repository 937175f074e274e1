// The fast paths ahead of Koa given the hub: a game's stream opened (or resumed) exactly as Koa's route
// opens it, the 503 of a cap exactly as Koa answers it, everything else left to Koa; and the version
// of a game read from the hub instead of the database while its topic has streams, for a resume and
// for the scoreboard fragment, with a newer version always served once the hub has it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from 'koa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.js';
import type { GameState } from '../../../server/domain/index.js';
import type { Games } from '../../../server/games.js';
import { fastScoreboard } from '../../../server/http/fast-scoreboard.js';
import { fastStream } from '../../../server/http/fast-streams.js';
import { createLocalHub, type Hub } from '../../../server/hub/index.js';
import { gameEvents, gameTopic } from '../../../server/realtime.js';
import { Scoreboards } from '../../../server/scoreboards.js';
import { testDeps, type TestDeps } from '../../kit/app.js';
import { removeTempDirs } from '../../kit/files.js';
import { raw, type RawAnswer } from '../../kit/raw.js';
import { SseClient } from '../../kit/sse.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let kit: TestDeps;
let games: Games;
/** A hub with room for two streams only, so a third is refused by its cap. */
let hub: Hub;
/** Database reads of a game's state through the fast paths. */
let reads = 0;
const reachedKoa: string[] = [];
const servers: Server[] = [];
let fast: string;
let koaOnly: string;
let gameId: string;
const open: SseClient[] = [];

async function listen(handler: Handler): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  hub = createLocalHub({ maxStreams: 2, retryMs: 2000 });
  kit = await testDeps({ hub });
  games = kit.games;
  const counting = {
    get(id: string): GameState | null {
      reads++;
      return games.get(id);
    },
  };
  const app = createApp(kit.deps);
  const spy: Middleware = (ctx, next) => (reachedKoa.push(`${ctx.method} ${ctx.url}`), next());
  app.koa.middleware.unshift(spy);
  const koa = app.koa.callback();
  const stream = fastStream({ hub, games: counting, allowedHost: kit.deps.allowedHost });
  const board = fastScoreboard({
    scoreboards: new Scoreboards(counting),
    allowedHost: kit.deps.allowedHost,
    hub,
  });
  fast = await listen((req, res) => {
    if (!board(req, res) && !stream(req, res)) void koa(req, res);
  });
  koaOnly = await listen((req, res) => void koa(req, res));
  const created = games.create({
    home: { name: 'Bag Daddies', players: [] },
    away: { name: 'Hole', players: [] },
  });
  if (created.kind !== 'accepted') throw new Error('create refused');
  gameId = created.answer.state.id;
  bag();
});
afterAll(async () => {
  for (const c of open) c.close();
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  await kit?.close();
  removeTempDirs();
});
beforeEach(async () => {
  // Each test starts with no stream open and its counters at zero.
  for (const c of open.splice(0)) c.close();
  await until(() => hub.stats().streams === 0);
  reachedKoa.length = 0;
  reads = 0;
});

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
}

/** A bag through the games service, published as the routes publish it; the new state. */
function bag(publish = false): GameState {
  const before = games.get(gameId)!;
  const result = games.command(gameId, {
    type: 'throw',
    side: before.version % 2 ? 'away' : 'home',
    result: 'board',
  });
  if (result.kind !== 'accepted') throw new Error('bag refused');
  const state = games.get(gameId)!;
  if (publish) hub.publish(gameTopic(gameId), gameEvents(state));
  return state;
}

async function stream(base: string, path: string, headers: Record<string, string> = {}) {
  const c = await SseClient.open(`${base}${path}`, headers);
  open.push(c);
  return c;
}

/** Everything a head says but its date and the connection's own handling. */
function head(c: SseClient | RawAnswer) {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = c.headers;
  return { status: c.status, headers };
}

describe('fastStream', () => {
  it("opens a stream with Koa's head and catch-up, without Koa, by Last-Event-ID before ?since", async () => {
    // Each case at the version current when it runs: [path, headers, whether it is caught up at once].
    const cases: Array<(v: number) => [string, Record<string, string>, boolean]> = [
      () => [`/games/${gameId}/events`, {}, true],
      (v) => [`/games/${gameId}/events?since=${v}`, {}, false],
      (v) => [`/games/${gameId}/events?since=${v}`, { 'Last-Event-ID': String(v - 1) }, true],
      (v) => [`/games/${gameId}/events?since=0`, { 'Last-Event-ID': String(v) }, false],
      (v) => [`/games/${gameId}/events?since=${v + 5}`, {}, true],
      (v) => [`/games/${gameId}/events?since=${v}&since=${v}`, {}, true],
      () => [`/games/${gameId}/events?since=x`, {}, true],
    ];
    for (const at of cases) {
      const seen: Array<{ head: ReturnType<typeof head>; events: string[]; retry?: number }> = [];
      for (const base of [koaOnly, fast]) {
        const v = games.get(gameId)!.version;
        const [path, headers, caughtUp] = at(v);
        const c = await stream(base, path, headers);
        // Caught up: the current pair at once. Not: the first event is the next version's.
        const expected = caughtUp ? v : bag(true).version;
        await c.waitFor((e) => e.length >= 2);
        expect(c.events[0]!.id, `${base} ${path}`).toBe(String(expected));
        seen.push({ head: head(c), events: c.events.slice(0, 2).map((e) => e.event!), retry: c.retry });
        c.close();
        await until(() => hub.stats().streams === 0);
      }
      expect(reachedKoa.splice(0)).toHaveLength(1);
      expect(seen[1]).toEqual(seen[0]);
      expect(seen[1]!.events).toEqual(['refresh-scoreboard', 'state']);
      expect(seen[1]!.retry).toBe(2000);
    }
  });

  it("answers a stream refused by a cap with Koa's 503, counted once", async () => {
    await stream(fast, `/games/${gameId}/events?since=0`);
    await stream(fast, `/games/${gameId}/events?since=0`);
    const refusedBefore = hub.stats().refused;
    const koa = await stream(koaOnly, `/games/${gameId}/events?since=0`);
    const mine = await stream(fast, `/games/${gameId}/events?since=0`);
    await Promise.all([koa.waitForEnd(), mine.waitForEnd()]);
    expect(mine.status).toBe(503);
    // The wait is drawn at random (10–19 s) for each refusal, so phones do not all come back at once.
    const retryAfter = (c: SseClient) => Number(c.headers['retry-after']);
    expect(retryAfter(mine)).toBeGreaterThanOrEqual(10);
    expect(retryAfter(mine)).toBeLessThan(20);
    const { 'retry-after': _mine, ...mineHead } = head(mine).headers;
    const { 'retry-after': _koa, ...koaHead } = head(koa).headers;
    expect(mineHead).toEqual(koaHead);
    expect(JSON.parse(mine.body)).toEqual(JSON.parse(koa.body));
    expect(JSON.parse(mine.body).code).toBe('busy');
    expect(hub.stats().refused - refusedBefore).toBe(2);
    expect(reachedKoa).toHaveLength(1);
  });

  it('leaves a foreign Host, an unknown game, a PIN, a HEAD, a body and a non-stream Accept to Koa', async () => {
    const path = `/games/${gameId}/events?since=0`;
    const cases: Array<[string, Record<string, string>, string, number]> = [
      [path, { Host: 'evil.example' }, 'GET', 403],
      ['/games/nosuchgame/events', {}, 'GET', 404],
      [path, { Authorization: 'Bearer 0000' }, 'GET', 401],
      [path, {}, 'HEAD', 200],
      [path, { 'Content-Length': '1' }, 'GET', 200],
      [path, { Accept: 'text/html' }, 'GET', 200],
    ];
    for (const [p, headers, method, status] of cases) {
      const what = `${method} ${p} ${JSON.stringify(headers)}`;
      const a = await raw(fast, p, {
        method,
        headers: { Accept: 'text/event-stream', ...headers },
        body: headers['Content-Length'] ? 'x' : undefined,
        headOnly: true,
      });
      expect(a.status, what).toBe(status);
      expect(reachedKoa.splice(0), what).toHaveLength(1);
      await until(() => hub.stats().streams === 0);
    }
  });

  it('resumes from what the hub last gave the topic while it has streams, and from the database when not', async () => {
    const first = await stream(fast, `/games/${gameId}/events?since=0`);
    await first.waitFor((e) => e.length >= 2);
    expect(reads).toBe(1);
    const version = String(games.get(gameId)!.version);
    reads = 0;
    const second = await stream(fast, `/games/${gameId}/events?since=0`, { 'Last-Event-ID': '0' });
    await second.waitFor((e) => e.length >= 2);
    expect(reads).toBe(0);
    expect(second.events.slice(0, 2)).toEqual(first.events.slice(0, 2));
    expect(second.events[1]!.id).toBe(version);
    // A newer version reaches both through the hub, and the next resume is caught up to it.
    const next = bag(true);
    for (const c of [first, second]) await c.waitFor((e) => e.some((m) => m.id === String(next.version)));
    second.close();
    await until(() => hub.stats().streams === 1);
    const third = await stream(fast, `/games/${gameId}/events?since=0`);
    await third.waitFor((e) => e.length >= 2);
    expect(third.events[1]!.id).toBe(String(next.version));
    expect(reads).toBe(0);
    // No stream left on the game: the database says where it is.
    for (const c of [first, third]) c.close();
    await until(() => hub.stats().streams === 0);
    const fourth = await stream(fast, `/games/${gameId}/events?since=0`);
    await fourth.waitFor((e) => e.length >= 2);
    expect(reads).toBe(1);
    expect(reachedKoa).toEqual([]);
  });
});

describe('fastScoreboard with the hub', () => {
  it('reads the database only while the hub has no stream on the game, and serves each new version', async () => {
    const path = `/games/${gameId}/scoreboard`;
    await raw(fast, path);
    await raw(fast, path);
    expect(reads).toBe(2);
    const phone = await stream(fast, `/games/${gameId}/events?since=0`);
    await phone.waitFor((e) => e.length >= 2);
    reads = 0;
    const a = await raw(fast, path);
    const b = await raw(fast, path);
    expect(reads).toBe(0);
    expect(b.text).toBe(a.text);
    expect(a.text).toContain(`data-version="${games.get(gameId)!.version}"`);
    // A bag: the hub hears of it before any phone does, and the next request reads the database.
    const next = bag(true);
    await phone.waitFor((e) => e.some((m) => m.id === String(next.version)));
    const c = await raw(fast, path, { headers: { 'If-None-Match': String(b.headers.etag) } });
    expect(c.status).toBe(200);
    expect(c.text).toContain(`data-version="${next.version}"`);
    expect(reads).toBe(1);
    const koa = await raw(koaOnly, path);
    expect(head(c)).toEqual(head(koa));
    expect(c.text).toBe(koa.text);
    expect(reachedKoa).toHaveLength(1);
  });
});
