// createApp is the whole app: its callback() answers the scoreboard ahead of Koa exactly as Koa's own
// route would (status, headers, body; 200, 304 and HEAD), and hands Koa everything else.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App, type RequestHandler } from '../../server/app.js';
import { MAX_BODY_BYTES } from '../../server/http/body.js';
import type { Games } from '../../server/games.js';
import { testDeps, type TestDeps } from '../kit/app.js';
import { removeTempDirs } from '../kit/files.js';
import { raw, type RawAnswer, type RawOptions } from '../kit/raw.js';

let kit: TestDeps;
let games: Games;
let app: App;
/** Requests that reached Koa's middleware. */
const reachedKoa: string[] = [];
let served: Server;
let koaOnly: Server;
let gameId: string;

async function listen(handler: RequestHandler): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

beforeAll(async () => {
  kit = await testDeps();
  games = kit.games;
  app = createApp(kit.deps);
  const spy: Middleware = (ctx, next) => (reachedKoa.push(`${ctx.method} ${ctx.url}`), next());
  app.koa.middleware.unshift(spy);
  served = await listen(app.callback());
  koaOnly = await listen(app.koa.callback());
  const created = games.create({
    home: { name: 'Bag <Daddies>', players: [] },
    away: { name: 'Hole', players: [] },
  });
  if (created.kind !== 'accepted') throw new Error('create refused');
  gameId = created.answer.state.id;
  games.command(gameId, { type: 'throw', side: 'home', result: 'hole' });
});
afterAll(async () => {
  for (const s of [served, koaOnly]) {
    s?.closeAllConnections();
    await new Promise((resolve) => s?.close(resolve));
  }
  await kit?.close();
  removeTempDirs();
});

/** The same request to callback() and to Koa alone, and which of them reached Koa. */
async function both(path: string, o: RawOptions = {}) {
  reachedKoa.length = 0;
  const fast = await raw(urlOf(served), path, o);
  const viaFast = reachedKoa.splice(0);
  const koa = await raw(urlOf(koaOnly), path, o);
  expect(reachedKoa).toHaveLength(1);
  return { fast, koa, viaFast };
}

/** Everything an answer says but its date and the connection's own handling. */
function shape(a: RawAnswer) {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = a.headers;
  return { status: a.status, headers, text: a.text };
}

describe('createApp(deps).callback()', () => {
  it("answers the scoreboard without Koa, with Koa's status, headers and body", async () => {
    const { fast, koa, viaFast } = await both(`/games/${gameId}/scoreboard`);
    expect(viaFast).toEqual([]);
    expect(fast.status).toBe(200);
    expect(fast.text).toContain('Bag &lt;Daddies&gt;');
    expect(shape(fast)).toEqual(shape(koa));
  });

  it("answers a current phone's If-None-Match with Koa's 304, and HEAD with Koa's head", async () => {
    const etag = String((await raw(urlOf(served), `/games/${gameId}/scoreboard`)).headers.etag);
    const cached = await both(`/games/${gameId}/scoreboard`, { headers: { 'If-None-Match': etag } });
    expect(cached.viaFast).toEqual([]);
    expect(cached.fast.status).toBe(304);
    expect(shape(cached.fast)).toEqual(shape(cached.koa));
    const head = await both(`/games/${gameId}/scoreboard?x=1`, { method: 'HEAD' });
    expect(head.viaFast).toEqual([]);
    expect(head.fast.status).toBe(200);
    expect(shape(head.fast)).toEqual(shape(head.koa));
  });

  it('serves the next version once a write changes the game', async () => {
    const before = await raw(urlOf(served), `/games/${gameId}/scoreboard`);
    games.command(gameId, { type: 'throw', side: 'away', result: 'board' });
    const { fast, koa, viaFast } = await both(`/games/${gameId}/scoreboard`, {
      headers: { 'If-None-Match': String(before.headers.etag) },
    });
    expect(viaFast).toEqual([]);
    expect(fast.status).toBe(200);
    expect(fast.headers.etag).not.toBe(before.headers.etag);
    expect(shape(fast)).toEqual(shape(koa));
  });

  it('leaves a foreign Host, an unknown game, an upload and every other route to Koa', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 1);
    const cases: Array<[string, RawOptions, number]> = [
      [`/games/${gameId}/scoreboard`, { headers: { Host: 'evil.example' } }, 403],
      ['/games/nosuchgame/scoreboard', {}, 404],
      [`/games/${gameId}/scoreboard`, { headers: { 'Transfer-Encoding': 'chunked' }, chunks: ['x'] }, 200],
      [`/games/${gameId}/scoreboard`, { headers: { 'Content-Length': String(big.length) }, body: big }, 413],
      [`/games/${gameId}/scoreboard`, { method: 'POST' }, 401],
      [`/api/games/${gameId}/state`, {}, 200],
    ];
    for (const [path, o, status] of cases) {
      const { fast, koa, viaFast } = await both(path, o);
      const what = `${o.method ?? 'GET'} ${path} ${Object.keys(o.headers ?? {}).join(' ')}`;
      expect(viaFast, what).toHaveLength(1);
      expect(fast.status, what).toBe(status);
      expect(shape(fast)).toEqual(shape(koa));
    }
  });
});
