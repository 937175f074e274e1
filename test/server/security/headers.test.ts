// Security headers on every answer (pages, partials, JSON, assets, streams, redirects, 304s and every
// kind of error): a CSP of the app's own scripts and styles only, nosniff, no framing, a same-origin
// referrer policy, and no CORS but on the read-only JSON and streams another site may read (the
// overlays' own framing and CORS are test/server/routes/overlay.test.ts's). Pages themselves carry no
// inline script or handler the CSP would block.
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import { raw, type RawOptions } from '../../kit/raw.js';
import { JSON_TYPE, keeperCookie, readRoutes } from './helpers.js';

let server: TestServer;
let gameId: string;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ loginAttempts: 2 });
  gameId = (await server.createGame({ board: 1 })).id;
  cookie = await keeperCookie(server);
});
afterAll(async () => {
  await server.stop();
});

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** What another site may read (CORS, `*`): a game's state, the game list, the streams. */
const CORS_READS = /^\/(?:api\/games|api\/games\/[^/]+\/state|events|games\/[^/]+\/events)$/;

function expectSecure(what: string, h: IncomingHttpHeaders, path = '', method = 'GET'): void {
  const csp = directives(String(h['content-security-policy'] ?? ''));
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('style-src'), what).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('base-uri'), what).toEqual(["'none'"]);
  for (const values of csp.values()) {
    expect(values.join(' '), what).not.toMatch(/unsafe-|\*|https?:|'nonce-|'sha/);
  }
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['referrer-policy'], what).toBe('same-origin');
  const cors = ['GET', 'HEAD'].includes(method) && CORS_READS.test(new URL(path, 'http://x').pathname);
  expect(h['access-control-allow-origin'], what).toBe(cors ? '*' : undefined);
}

describe('security headers', () => {
  it('are on every page, partial, JSON answer, export, asset and redirect', async () => {
    for (const path of readRoutes(gameId)) {
      for (const headers of [{}, { Cookie: cookie }] as Array<Record<string, string>>) {
        const a = await raw(server.url, path, { headers });
        expectSecure(`${path} ${a.status}`, a.headers, path);
      }
    }
  });

  it('are on event streams, open or refused', async () => {
    for (const path of ['/events', `/games/${gameId}/events`, '/games/nosuchgame/events']) {
      const a = await raw(server.url, path, { headers: { Accept: 'text/event-stream' }, headOnly: true });
      expectSecure(`${path} ${a.status}`, a.headers, path);
    }
  });

  it('are on 304s, HEAD and OPTIONS', async () => {
    const board = await raw(server.url, `/games/${gameId}/scoreboard`);
    const asset = await raw(server.url, '/assets/app.js');
    const cases: Array<[string, RawOptions]> = [
      [`/games/${gameId}/scoreboard`, { headers: { 'If-None-Match': String(board.headers.etag) } }],
      ['/assets/app.js', { headers: { 'If-None-Match': String(asset.headers.etag) } }],
      ['/', { method: 'HEAD' }],
      [`/api/games/${gameId}/throws`, { method: 'OPTIONS' }],
    ];
    for (const [path, o] of cases) {
      const a = await raw(server.url, path, o);
      expect(a.status, path).toBeLessThan(400);
      expectSecure(`${o.method ?? 'GET'} ${path} ${a.status}`, a.headers, path, o.method);
    }
  });

  it('are on every kind of refusal, 400 to 429', async () => {
    const post = (
      path: string,
      headers: Record<string, string>,
      body?: string,
    ): RawOptions & {
      path: string;
    } => ({ path, method: 'POST', headers, body });
    const throws = `/api/games/${gameId}/throws`;
    const bearer = { Authorization: `Bearer ${TEST_PIN}`, 'Content-Type': JSON_TYPE };
    const cases = [
      { path: '/', headers: { Host: 'evil.example' } },
      { path: '/', headers: { Host: 'evil.example', Accept: 'text/html' } },
      post(throws, bearer, 'x'.repeat(70_000)),
      post(throws, {}, '{}'),
      post(throws, { ...bearer, Authorization: '', Cookie: cookie }, '{}'),
      post(throws, bearer, '{'),
      post('/api/games/nosuchgame/undo', bearer),
      post(`/api/games/${gameId}/undo`, bearer),
      { path: throws },
      { path: '/nowhere', headers: { Accept: 'text/html' } },
      // loginAttempts is 2: the third wrong PIN is refused with 429.
      post(throws, { Authorization: 'Bearer 1' }),
      post(throws, { Authorization: 'Bearer 1' }),
      post(throws, { Authorization: 'Bearer 1' }),
    ];
    const seen = new Set<number>();
    for (const { path, ...o } of cases) {
      const a = await raw(server.url, path, o);
      seen.add(a.status);
      expectSecure(`${o.method ?? 'GET'} ${path} ${a.status}`, a.headers, path, o.method);
    }
    expect([...seen].sort()).toEqual([400, 401, 403, 404, 405, 409, 413, 429]);
  });
});

describe('the pages themselves', () => {
  it('carry no inline script, event handler attribute or inline style', async () => {
    const pages = ['/', '/tv', `/games/${gameId}`, `/keep/${gameId}`, '/keep/new', '/host', '/keeper/login'];
    for (const path of pages) {
      const a = await raw(server.url, path, { headers: { Cookie: cookie } });
      expect(a.status, path).toBe(200);
      for (const tag of a.text.match(/<script\b[^>]*>/g) ?? [])
        expect(tag, path).toMatch(/\ssrc="\/assets\//);
      expect(a.text, path).not.toMatch(/\son[a-z]+\s*=\s*["']/i);
      expect(a.text, path).not.toMatch(/\sstyle\s*=\s*["']/i);
      expect(a.text, path).not.toMatch(/\shx-on|javascript:/i);
    }
  });
});
