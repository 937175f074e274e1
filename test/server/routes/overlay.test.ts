// The overlays (GET /boards/{n}/overlay, GET /games/{id}/overlay) and what another site needs to use
// them: only the overlay pages may be framed (by OVERLAY_FRAME_ANCESTORS, `*` by default), every
// other page still refuses; CORS (`*`) on the read-only JSON and streams, never on a write, a write's
// preflight or a page. The pages name their fragment and stream, and carry no inline script or style.
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../../server/config.js';
import { raw } from '../../kit/raw.js';
import { startTestServer, type InProcessServer } from '../../kit/server.js';
import { keeperCookie, writeRoutes } from '../security/helpers.js';

let server: InProcessServer;
let gameId: string;
let tournamentId: string;
beforeAll(async () => {
  server = await startTestServer();
  gameId = (
    await server.createGame({ board: 1, home: { name: 'Bag <Daddies>' }, away: { name: 'Hole Patrol' } })
  ).id;
  const t = await server.api(
    'POST',
    '/api/tournaments',
    {
      name: 'Friday Cup',
      format: 'single',
      teams: [{ name: 'A' }, { name: 'B' }],
      boards: [2],
    },
    { Authorization: `Bearer ${server.organiserPin()}` },
  );
  expect(t.status).toBe(201);
  tournamentId = t.json.id;
});
afterAll(async () => {
  await server.stop();
});

function frameAncestors(h: IncomingHttpHeaders): string | undefined {
  const csp = String(h['content-security-policy'] ?? '');
  return /(?:^|;)\s*frame-ancestors ([^;]+)/.exec(csp)?.[1]?.trim();
}

describe('the overlay pages', () => {
  it('may be framed by any site, and keep the rest of the policy', async () => {
    for (const path of ['/boards/1/overlay', `/games/${gameId}/overlay`]) {
      const a = await raw(server.url, path);
      expect(a.status, path).toBe(200);
      expect(frameAncestors(a.headers), path).toBe('*');
      expect(a.headers['x-frame-options'], path).toBeUndefined();
      const csp = String(a.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toMatch(/unsafe-/);
      // Framed by anyone, read by nobody else: the page itself is no CORS read.
      expect(a.headers['access-control-allow-origin'], path).toBeUndefined();
    }
  });

  it('show the board or game, escaped, with the fragment and stream they stay live through', async () => {
    const board = await raw(server.url, '/boards/1/overlay');
    expect(board.text).toContain('Bag &lt;Daddies&gt;');
    expect(board.text).toContain('hx-sse:connect="/events?since=');
    expect(board.text).toContain('hx-get="/boards/1/overlay/score"');
    expect(board.text).toContain('refresh-board-1 from:#live');
    const game = await raw(server.url, `/games/${gameId}/overlay`);
    expect(game.text).toContain(`hx-sse:connect="/games/${gameId}/events?since=0"`);
    expect(game.text).toContain('refresh-scoreboard from:#live');
    for (const a of [board, game]) {
      for (const tag of a.text.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="\/assets\//);
      expect(a.text).not.toMatch(/\sstyle\s*=|\son[a-z]+\s*=|<style/i);
      expect(a.text).toContain('class="overlay-root"');
      expect(a.text).not.toMatch(/<a\s/);
    }
    const fragment = await raw(server.url, '/boards/1/overlay/score');
    expect(fragment.status).toBe(200);
    expect(fragment.text).toMatch(/^<section\s+class="bug bug-live"/);
    expect(frameAncestors(fragment.headers)).toBe("'none'");
  });

  it('answer 404 for a board or game that is not there, and those answers refuse framing', async () => {
    for (const path of [
      '/boards/99/overlay',
      '/boards/x/overlay',
      '/games/nosuchgame/overlay',
      '/boards/99/overlay/score',
    ]) {
      const a = await raw(server.url, path, { headers: { Accept: 'application/json' } });
      expect(a.status, path).toBe(404);
      expect(a.json.code, path).toBe('not_found');
      expect(frameAncestors(a.headers), path).toBe("'none'");
    }
  });

  it('are framed only by OVERLAY_FRAME_ANCESTORS when it is set', async () => {
    const settings = loadSettings(
      { OVERLAY_FRAME_ANCESTORS: 'https://league.example.org, https://*.twitch.tv self' },
      { dataDir: '/tmp/unused' },
    );
    expect(settings.overlayFrameAncestors).toEqual([
      'https://league.example.org',
      'https://*.twitch.tv',
      "'self'",
    ]);
    const own = await startTestServer({ overlayFrameAncestors: settings.overlayFrameAncestors });
    try {
      const a = await raw(own.url, '/boards/1/overlay');
      expect(frameAncestors(a.headers)).toBe("https://league.example.org https://*.twitch.tv 'self'");
      expect(frameAncestors((await raw(own.url, '/tv')).headers)).toBe("'none'");
    } finally {
      await own.stop();
    }
    for (const bad of ["x'; script-src *", 'javascript:alert(1)x y;', 'none https://a.example']) {
      expect(() => loadSettings({ OVERLAY_FRAME_ANCESTORS: bad }, { dataDir: '/tmp/unused' }), bad).toThrow(
        SettingsError,
      );
    }
  });
});

describe('every other page', () => {
  it('still refuses to be framed', async () => {
    const cookie = await keeperCookie(server);
    for (const path of [
      '/',
      '/tv',
      '/boards',
      '/boards/1',
      `/games/${gameId}`,
      `/tournaments/${tournamentId}`,
      '/host',
      `/keep/${gameId}`,
    ]) {
      const a = await raw(server.url, path, { headers: { Cookie: cookie } });
      expect(a.status, path).toBe(200);
      expect(frameAncestors(a.headers), path).toBe("'none'");
      expect(a.headers['x-frame-options'], path).toBe('DENY');
    }
  });
});

describe('CORS', () => {
  const reads = () => [
    `/api/games/${gameId}/state`,
    '/api/games',
    '/api/tournaments',
    `/api/tournaments/${tournamentId}`,
  ];
  const streams = () => ['/events', `/games/${gameId}/events`, `/tournaments/${tournamentId}/events`];

  it('lets any site read the state JSON, the lists and the streams, without credentials', async () => {
    const origin = { Origin: 'https://league.example.org' };
    for (const path of reads()) {
      const a = await raw(server.url, path, { headers: origin });
      expect(a.status, path).toBe(200);
      expect(a.headers['access-control-allow-origin'], path).toBe('*');
      expect(a.headers['access-control-allow-credentials'], path).toBeUndefined();
    }
    for (const path of streams()) {
      const a = await raw(server.url, path, {
        headers: { ...origin, Accept: 'text/event-stream' },
        headOnly: true,
      });
      expect(a.status, path).toBe(200);
      expect(a.headers['content-type'], path).toMatch(/^text\/event-stream/);
      expect(a.headers['access-control-allow-origin'], path).toBe('*');
    }
  });

  it('answers a read preflight (a stream resuming with Last-Event-ID), and no write preflight', async () => {
    const preflight = (path: string, method: string) =>
      raw(server.url, path, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://league.example.org',
          'Access-Control-Request-Method': method,
          'Access-Control-Request-Headers': method === 'GET' ? 'last-event-id' : 'content-type,authorization',
        },
      });
    const ok = await preflight(`/games/${gameId}/events`, 'GET');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect(ok.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(String(ok.headers['access-control-allow-headers'])).toMatch(/Last-Event-ID/i);
    for (const [path, method] of [
      ['/api/games', 'POST'],
      [`/api/games/${gameId}/throws`, 'POST'],
      [`/api/games/${gameId}`, 'PATCH'],
      [`/api/games/${gameId}`, 'DELETE'],
      [`/api/tournaments/${tournamentId}/start`, 'POST'],
      ['/keeper/login', 'POST'],
    ] as const) {
      const a = await preflight(path, method);
      expect(a.headers['access-control-allow-origin'], `${method} ${path}`).toBeUndefined();
      expect(a.headers['access-control-allow-methods'], `${method} ${path}`).toBeUndefined();
    }
  });

  it('is never on a write, whether it succeeds or is refused, nor on pages and fragments', async () => {
    const origin = 'https://league.example.org';
    const created = await server.api(
      'POST',
      '/api/games',
      { home: { name: 'C' }, away: { name: 'D' } },
      { Origin: origin },
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    for (const w of writeRoutes(gameId)) {
      const a = await raw(server.url, w.path, {
        method: 'POST',
        headers: { Origin: origin, 'Content-Type': w.type },
        body: w.body,
      });
      expect(a.status, w.path).toBeGreaterThanOrEqual(400);
      expect(a.headers['access-control-allow-origin'], w.path).toBeUndefined();
    }
    for (const path of [
      '/',
      '/tv',
      `/games/${gameId}`,
      `/games/${gameId}/scoreboard`,
      '/boards/1',
      '/api/health',
      '/api/export.json',
    ]) {
      const a = await raw(server.url, path, { headers: { Origin: origin } });
      expect(a.headers['access-control-allow-origin'], path).toBeUndefined();
    }
  });
});
