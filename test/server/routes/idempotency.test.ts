// Idempotency-Key through a real server: a retry gets the first answer again byte for byte (a 409 as
// much as a 201), at any later time; another request under a used key is a 422 that records nothing;
// a malformed request (400) is answered before the key is looked at and keeps nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer as ApiAnswer } from '../../kit/answer.js';
import { startTestServer, type TestServer } from '../../kit/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const key = (k: string) => ({ 'Idempotency-Key': k });
const bag = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  server.api('POST', `/api/games/${id}/throws`, body, headers);

/** Everything a write could have changed: the game's state and the games list. */
async function snapshot(id: string): Promise<{ state: string; list: string }> {
  const [state, list] = await Promise.all([server.get(`/api/games/${id}/state`), server.get('/api/games')]);
  return { state: state.text, list: list.text };
}

function expectSameAnswer(retry: ApiAnswer, first: ApiAnswer): void {
  expect(retry.status).toBe(first.status);
  expect(retry.text).toBe(first.text);
  expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
}

describe('Idempotency-Key over HTTP', () => {
  it('answers a 409 retried after the game moved with the same 409, body and state included', async () => {
    const game = await server.createGame();
    await bag(game.id, { side: 'home', result: 'hole' });
    const stale = { side: 'home', result: 'board', expectedVersion: 0 };
    const first = await bag(game.id, stale, key('stale-tap'));
    expect(first.status).toBe(409);
    expect(first.json).toMatchObject({ code: 'version_conflict', state: { version: 1 } });
    expect(typeof first.json.error).toBe('string');

    await bag(game.id, { side: 'away', result: 'miss' });
    await bag(game.id, { side: 'away', result: 'miss' });
    const before = await snapshot(game.id);
    expect(JSON.parse(before.state).version).toBe(3);

    const retry = await bag(game.id, stale, key('stale-tap'));
    expectSameAnswer(retry, first);
    expect(retry.json.state.version).toBe(1);
    expect(await snapshot(game.id)).toEqual(before);
  });

  it('answers a retried create with the game as it was created, after bags', async () => {
    const body = { home: { name: 'Retry Home' }, away: { name: 'Retry Away' } };
    const first = await server.api('POST', '/api/games', body, key('create-once'));
    expect(first.status).toBe(201);
    await bag(first.json.id, { side: 'home', result: 'hole' });
    const retry = await server.api('POST', '/api/games', body, key('create-once'));
    expectSameAnswer(retry, first);
    const list = (await server.get('/api/games')).json as Array<{ home: { name: string } }>;
    expect(list.filter((g) => g.home.name === 'Retry Home')).toHaveLength(1);
  });

  it('refuses a used key with another body or path with 422 idempotency_key_reused and records nothing', async () => {
    const game = await server.createGame();
    const first = await bag(game.id, { side: 'home', result: 'hole' }, key('one-tap'));
    expect(first.status).toBe(200);
    const before = await snapshot(game.id);
    const attempts = [
      () => bag(game.id, { side: 'away', result: 'hole' }, key('one-tap')),
      () => bag(game.id, { side: 'home', result: 'hole', expectedVersion: 1 }, key('one-tap')),
      () => server.api('POST', `/api/games/${game.id}/undo`, undefined, key('one-tap')),
      () => server.api('POST', '/api/games', { home: { name: 'X' }, away: { name: 'Y' } }, key('one-tap')),
    ];
    for (const attempt of attempts) {
      const a = await attempt();
      expect(a.status).toBe(422);
      expect(a.json).toEqual({
        error: expect.stringContaining('Idempotency-Key'),
        code: 'idempotency_key_reused',
      });
    }
    expect(await snapshot(game.id)).toEqual(before);
    // The first request is still answered, its body's keys in any order and spacing.
    const again = await bag(game.id, '{ "result": "hole",  "side": "home" }', key('one-tap'));
    expectSameAnswer(again, first);
  });

  it('answers 422 before 404: a used key on a game that does not exist is a reuse', async () => {
    const game = await server.createGame();
    await bag(game.id, { side: 'home', result: 'hole' }, key('before-404'));
    const a = await bag('nosuchgame', { side: 'home', result: 'hole' }, key('before-404'));
    expect(a.status).toBe(422);
  });

  it('keeps a 404 under its key', async () => {
    const first = await bag('nosuchgame', { side: 'home', result: 'hole' }, key('lost-game'));
    expect(first.status).toBe(404);
    expect(first.json.code).toBe('not_found');
    expectSameAnswer(await bag('nosuchgame', { side: 'home', result: 'hole' }, key('lost-game')), first);
  });

  it('answers a malformed request before the key and keeps nothing for it', async () => {
    const game = await server.createGame();
    const bad = await bag(game.id, { side: 'up', result: 'hole' }, key('typo-then-fix'));
    expect(bad.status).toBe(400);
    const good = await bag(game.id, { side: 'home', result: 'hole' }, key('typo-then-fix'));
    expect(good.status).toBe(200);
    expect(good.json.version).toBe(1);
  });

  it('creates one game for a new-game form sent twice with its key', async () => {
    const form = new URLSearchParams({ home: 'Form Home', away: 'Form Away', board: '', key: 'form-1' });
    const post = () =>
      fetch(`${server.url}/host/games`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${server.pin}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
        redirect: 'manual',
      });
    const [a, b] = [await post(), await post()];
    expect(a.status).toBe(303);
    expect(b.status).toBe(303);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const list = (await server.get('/api/games')).json as Array<{ home: { name: string } }>;
    expect(list.filter((g) => g.home.name === 'Form Home')).toHaveLength(1);
  });
});
