// One game end to end through a real server: create, record bags and rounds, read state, list and
// partial; errors in CONTRACT.md's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../kit/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('a game through the API', () => {
  it('creates a game at version 0 with a non-sequential id', async () => {
    const a = await server.createGame({
      home: { name: 'Bag Daddies' },
      away: { name: 'Hole Patrol' },
      board: 1,
    });
    const b = await server.createGame({ board: 2 });
    expect(a.version).toBe(0);
    expect(a.status).toBe('live');
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(a.id).not.toBe(b.id);
    expect(Number.isNaN(Number(a.id)) || Math.abs(Number(a.id) - Number(b.id)) !== 1).toBe(true);
  });

  it('scores bags with cancellation and moves the version by one per bag', async () => {
    const game = await server.createGame();
    const path = `/api/games/${game.id}/throws`;
    const bags: Array<[string, string]> = [
      ['home', 'hole'],
      ['home', 'hole'],
      ['home', 'board'],
      ['home', 'miss'],
      ['away', 'hole'],
      ['away', 'board'],
      ['away', 'board'],
      ['away', 'miss'],
    ];
    let last;
    for (const [side, result] of bags) last = await server.api('POST', path, { side, result });
    expect(last!.status).toBe(200);
    expect(last!.json.version).toBe(8);
    expect(last!.json.home.score).toBe(2);
    expect(last!.json.away.score).toBe(0);
    expect(last!.json.rounds).toHaveLength(1);
    expect(last!.json.rounds[0]).toMatchObject({ number: 1, scored: 'home', net: 2 });

    const state = await server.get(`/api/games/${game.id}/state`);
    expect(state.json.version).toBe(8);
    const list = await server.get('/api/games');
    expect(list.json.find((g: { id: string }) => g.id === game.id)).toEqual({
      id: game.id,
      board: null,
      status: 'live',
      version: 8,
      home: { name: 'Home', score: 2 },
      away: { name: 'Away', score: 0 },
    });
  });

  it('records a wash as no points for either side', async () => {
    const game = await server.createGame();
    const r = await server.api('POST', `/api/games/${game.id}/rounds`, {
      home: { hole: 1, board: 1 },
      away: { hole: 1, board: 1 },
    });
    expect(r.status).toBe(200);
    expect(r.json.home.score).toBe(0);
    expect(r.json.away.score).toBe(0);
    expect(r.json.rounds[0].scored).toBeNull();
  });

  it('serves the scoreboard partial with the score, escaped, and a strong ETag', async () => {
    const game = await server.createGame({ home: { name: '<b>Bold</b> & Co' } });
    await server.api('POST', `/api/games/${game.id}/throws`, { side: 'home', result: 'hole' });
    const partial = await server.get(`/games/${game.id}/scoreboard`);
    expect(partial.status).toBe(200);
    expect(partial.text).toContain('id="scoreboard"');
    expect(partial.text).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; Co');
    expect(partial.text).not.toContain('<b>Bold</b>');
    const etag = partial.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await server.get(`/games/${game.id}/scoreboard`, { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
  });

  it('shows statistics per team and per player on the scoreboard once a round is closed', async () => {
    const game = await server.createGame({ home: { name: 'Pairs', players: ['Ann', 'Bo'] } });
    expect((await server.get(`/games/${game.id}/scoreboard`)).text).not.toContain('Statistics');
    await server.api('POST', `/api/games/${game.id}/rounds`, {
      home: { hole: 2, board: 1 },
      away: { hole: 0, board: 1 },
    });
    const text = (await server.get(`/games/${game.id}/scoreboard`)).text;
    expect(text).toContain('Statistics');
    // Ann threw round 1: 7 points, 2 of 4 bags in the hole, 1 on the board.
    expect(text).toMatch(
      /Ann<\/span><\/th>\s*<td class="num">7\.00<\/td>\s*<td class="num">50%<\/td>\s*<td class="num">25%<\/td>/,
    );
  });

  it('answers expectedVersion conflicts with 409 and the current state, recording nothing', async () => {
    const game = await server.createGame();
    const path = `/api/games/${game.id}/throws`;
    const first = await server.api('POST', path, { side: 'home', result: 'board', expectedVersion: 0 });
    const second = await server.api('POST', path, { side: 'home', result: 'board', expectedVersion: 0 });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('version_conflict');
    expect(second.json.state.version).toBe(1);
    expect(typeof second.json.error).toBe('string');
  });

  it('answers a retried Idempotency-Key with the first answer and records once', async () => {
    const game = await server.createGame();
    const path = `/api/games/${game.id}/throws`;
    const headers = { 'Idempotency-Key': 'tap-1' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => server.api('POST', path, { side: 'away', result: 'hole' }, headers)),
    );
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const state = await server.get(`/api/games/${game.id}/state`);
    expect(state.json.version).toBe(1);
  });

  it('refuses a bag on a side that has thrown four with 409 no_bags_left', async () => {
    const game = await server.createGame();
    const path = `/api/games/${game.id}/throws`;
    for (let i = 0; i < 4; i++) await server.api('POST', path, { side: 'home', result: 'miss' });
    const fifth = await server.api('POST', path, { side: 'home', result: 'miss' });
    expect(fifth.status).toBe(409);
    expect(fifth.json.code).toBe('no_bags_left');
    expect(fifth.json.state.version).toBe(4);
  });

  it('answers 404 for an unknown game on every surface', async () => {
    for (const path of [
      '/api/games/nosuchgame/state',
      '/games/nosuchgame/scoreboard',
      '/games/nosuchgame/events',
    ]) {
      const r = await server.get(path, { Accept: 'application/json' });
      expect(r.status, path).toBe(404);
    }
    const w = await server.api('POST', '/api/games/nosuchgame/throws', { side: 'home', result: 'hole' });
    expect(w.status).toBe(404);
    expect(w.json).toMatchObject({ code: 'not_found' });
  });

  it('reports health', async () => {
    const h = await server.get('/api/health');
    expect(h.status).toBe(200);
    expect(h.json.status).toBe('ok');
    expect(typeof h.json.streams).toBe('number');
  });

  it('serves the pages a spectator opens', async () => {
    const game = await server.createGame({ board: 1 });
    const page = await server.get(`/games/${game.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`hx-sse:connect="/games/${game.id}/events?since=0"`);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const home = await server.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('hx-sse:connect="/events?since=');
    expect((await server.get('/tv')).status).toBe(200);
    expect((await server.get('/boards/1')).text).toContain('Board 1');
  });
});
