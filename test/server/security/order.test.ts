// CONTRACT.md's front door, check by check and in its order: foreign Host 403, body over 64 KiB 413,
// no keeper access or a wrong PIN 401, a cookie write from a missing or foreign Origin 403, then the
// routes' 400 / 404 / 409. Every refusal leaves the game exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw } from '../../kit/raw.js';
import { startTestServer, type TestServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import { JSON_TYPE, expectRefused, keeperCookie, readRoutes, stateText, writeRoutes } from './helpers.js';

let server: TestServer;
let gameId: string;
let cookie: string;
let before: string;
const bearer = { Authorization: `Bearer ${TEST_PIN}` };
const OVER = 'x'.repeat(64 * 1024 + 1);

beforeAll(async () => {
  // Wrong PINs are part of these tests; the lockout itself is tested in pin.test.ts.
  server = await startTestServer({ loginAttempts: 100_000 });
  const game = await server.createGame({ board: 1 });
  gameId = game.id;
  await server.api('POST', `/api/games/${gameId}/throws`, { side: 'home', result: 'hole' });
  cookie = await keeperCookie(server);
  before = await stateText(server, gameId);
});
afterAll(async () => {
  // Nothing a test below refused may have been recorded.
  expect(await stateText(server, gameId)).toBe(before);
  await server.stop();
});

describe('a Host that is not this machine (DNS rebinding)', () => {
  const foreign = [
    'evil.example',
    'evil.example:4100',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    'localhost:80@evil.example',
    'localhost:x',
    '0.0.0.0',
  ];

  it('answers 403 on every page, partial, export and asset', async () => {
    for (const path of readRoutes(gameId)) {
      for (const host of foreign) {
        const a = await raw(server.url, path, { headers: { Host: host, Cookie: cookie } });
        expect(a.status, `${host} ${path}`).toBe(403);
        expectRefused(a, 403, 'foreign_host');
      }
    }
  });

  it('answers 403 on both event streams before any event is sent', async () => {
    for (const path of ['/events', `/games/${gameId}/events`]) {
      const a = await raw(server.url, path, {
        headers: { Host: 'evil.example', Accept: 'text/event-stream' },
      });
      expectRefused(a, 403, 'foreign_host');
      expect(a.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('answers 403 on every write even with the right PIN and an oversized body', async () => {
    for (const w of writeRoutes(gameId)) {
      const a = await raw(server.url, w.path, {
        method: 'POST',
        headers: { Host: 'evil.example', 'Content-Type': w.type, ...bearer },
        body: OVER,
      });
      expectRefused(a, 403, 'foreign_host');
    }
  });

  it('still answers to its own names with any port', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`]) {
      const a = await raw(server.url, '/api/health', { headers: { Host: host } });
      expect(a.status, host).toBe(200);
    }
  });
});

describe('a body over 64 KiB', () => {
  it('answers 413 by its declared length before the PIN is looked at', async () => {
    for (const w of writeRoutes(gameId)) {
      for (const auth of [{}, bearer, { Authorization: 'Bearer 0000' }]) {
        const a = await raw(server.url, w.path, {
          method: 'POST',
          headers: { 'Content-Type': w.type, ...auth },
          body: OVER,
        });
        expectRefused(a, 413, 'too_large');
      }
    }
  });

  it('answers 413 to a chunked upload without a Content-Length, with or without the PIN', async () => {
    const piece = 'y'.repeat(16 * 1024);
    for (const w of writeRoutes(gameId)) {
      for (const auth of [{}, bearer]) {
        const a = await raw(server.url, w.path, {
          method: 'POST',
          headers: { 'Content-Type': w.type, ...auth },
          chunks: [piece, piece, piece, piece, piece],
        });
        expect(a.headers['transfer-encoding']).toBeUndefined();
        expectRefused(a, 413, 'too_large');
      }
    }
  });

  it('accepts a body just under the cap (the limit is 64 KiB, not less)', async () => {
    const game = await server.createGame();
    const body = `{"side":"home","result":"hole"${' '.repeat(60 * 1024)}}`;
    const a = await raw(server.url, `/api/games/${game.id}/throws`, {
      method: 'POST',
      headers: { 'Content-Type': JSON_TYPE, ...bearer },
      chunks: [body.slice(0, 30_000), body.slice(30_000)],
    });
    expect(a.status).toBe(200);
    expect(a.json.version).toBe(1);
  });
});

describe('a write without keeper access', () => {
  it('answers 401 without a PIN or cookie, and 401 with a wrong PIN', async () => {
    for (const w of writeRoutes(gameId)) {
      const none = await raw(server.url, w.path, {
        method: 'POST',
        headers: { 'Content-Type': w.type, Origin: server.url },
        body: w.body,
      });
      expectRefused(none, 401, 'keeper_required');
      for (const pin of ['0000', `${TEST_PIN}0`, ' ', '2468 2468', 'x'.repeat(500)]) {
        const wrong = await raw(server.url, w.path, {
          method: 'POST',
          headers: { 'Content-Type': w.type, Authorization: `Bearer ${pin}` },
          body: w.body,
        });
        expect(wrong.status, `${w.path} with PIN "${pin.slice(0, 8)}"`).toBe(401);
        expectRefused(wrong, 401);
      }
    }
  });

  it('answers 401 to a forged, tampered or expired session cookie', async () => {
    const [name, value] = cookie.split('=') as [string, string];
    const expiry = value.split('.')[0]!;
    const forged = [
      `${name}=hello`,
      `${name}=${value.slice(0, -2)}xx`,
      `${name}=${String(Number(expiry) + 10 ** 9)}${value.slice(expiry.length)}`,
      `${name}=1.a.b`,
      `${name}=`,
    ];
    for (const c of forged) {
      const a = await raw(server.url, `/api/games/${gameId}/undo`, {
        method: 'POST',
        headers: { Cookie: c, Origin: server.url },
      });
      expectRefused(a, 401, 'keeper_required');
    }
  });

  it('answers 303 to the login page on keeper pages', async () => {
    for (const path of [`/keep/${gameId}`, '/keep/new', '/host', '/host/join']) {
      const a = await raw(server.url, path);
      expect(a.status, path).toBe(303);
      expect(a.headers.location).toBe(`/keeper/login?next=${encodeURIComponent(path)}`);
    }
  });
});

describe('a cookie write whose Origin is missing or foreign', () => {
  it('answers 403 on every cookie write, the login form and sign-out included', async () => {
    const routes = [
      ...writeRoutes(gameId),
      { path: '/keeper/login', type: 'application/x-www-form-urlencoded', body: `pin=${TEST_PIN}` },
      { path: '/keeper/logout', type: 'application/x-www-form-urlencoded', body: '' },
    ];
    const origins: Array<Record<string, string>> = [
      {},
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { Origin: `${server.url}.evil.example` },
      { Origin: server.url.replace('127.0.0.1', 'localhost') },
      { Origin: 'not a url' },
    ];
    for (const w of routes) {
      for (const origin of origins) {
        const a = await raw(server.url, w.path, {
          method: 'POST',
          headers: { 'Content-Type': w.type, Cookie: cookie, ...origin },
          body: w.body,
        });
        expect(a.status, `${w.path} ${JSON.stringify(origin)}`).toBe(403);
        expectRefused(a, 403, /^(origin_required|foreign_origin)$/);
      }
    }
  });

  it('accepts the same cookie from this server’s own Origin (the control)', async () => {
    const game = await server.createGame();
    const a = await raw(server.url, `/api/games/${game.id}/throws`, {
      method: 'POST',
      headers: { 'Content-Type': JSON_TYPE, Cookie: cookie, Origin: server.url },
      body: '{"side":"away","result":"board"}',
    });
    expect(a.status).toBe(200);
  });
});

describe('GET on a write route', () => {
  it('answers 405 and records nothing, whatever credentials come along', async () => {
    const paths = [
      `/api/games/${gameId}/throws?side=home&result=hole`,
      `/api/games/${gameId}/rounds`,
      `/api/games/${gameId}/undo`,
      '/host/games?home=A&away=B',
      '/host/boards?count=9',
      '/host/boards/1/next',
      '/host/pin?pin=1357',
      '/host/sign-out-all',
      '/keeper/logout',
    ];
    for (const path of paths) {
      for (const headers of [{}, bearer, { Cookie: cookie, Origin: server.url }] as Array<
        Record<string, string>
      >) {
        const a = await raw(server.url, path, { headers });
        expectRefused(a, 405, 'method_not_allowed');
        expect(a.json.error).toContain('GET');
      }
    }
    // The cookie survived GET /host/sign-out-all and GET /keeper/logout.
    const still = await raw(server.url, '/host', { headers: { Cookie: cookie } });
    expect(still.status).toBe(200);
  });
});

describe('the order of the checks', () => {
  const post = (path: string, headers: Record<string, string>, body?: string) =>
    raw(server.url, path, { method: 'POST', headers, body });

  it('names the first failure when several checks fail at once', async () => {
    const throws = `/api/games/${gameId}/throws`;
    const missing = '/api/games/nosuchgame/throws';
    const json = { 'Content-Type': JSON_TYPE };
    // 413 before 401
    expectRefused(await post(throws, json, OVER), 413);
    // 401 before 403 (Origin) and 400
    expectRefused(await post(throws, { ...json, Authorization: 'Bearer 1' }, '{'), 401);
    // 403 (Origin) before 400
    expectRefused(await post(throws, { ...json, Cookie: cookie }, '{'), 403);
    // 400 before 404
    expectRefused(await post(missing, { ...json, ...bearer }, '{'), 400, 'malformed_json');
    expectRefused(await post(missing, { ...json, ...bearer }, '{"side":"up"}'), 400);
    // 404 before 409
    expectRefused(
      await post(missing, { ...json, ...bearer }, '{"side":"home","result":"hole","expectedVersion":0}'),
      404,
      'not_found',
    );
    // 409 last, with the state to recover from
    const conflict = await post(
      throws,
      { ...json, ...bearer },
      '{"side":"home","result":"hole","expectedVersion":0}',
    );
    expectRefused(conflict, 409, 'version_conflict');
    expect(conflict.json.state).toEqual(JSON.parse(before));
  });

  it('refuses every write to a finished game with 409 game_final and the state', async () => {
    const game = await server.createGame({ rules: { target: 3 } });
    await server.api('POST', `/api/games/${game.id}/rounds`, {
      home: { hole: 1, board: 0 },
      away: { hole: 0, board: 0 },
    });
    const final = await stateText(server, game.id);
    expect(JSON.parse(final).status).toBe('final');
    const a = await server.api('POST', `/api/games/${game.id}/throws`, { side: 'away', result: 'hole' });
    expectRefused(a, 409, 'game_final');
    expect(a.json.state.status).toBe('final');
    expect(await stateText(server, game.id)).toBe(final);
  });
});
