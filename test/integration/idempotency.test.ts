// One Idempotency-Key sent to two `serve` processes on one DATA_DIR at the same moment: the write
// lock serialises them, the second finds the first's answer in the same database, and the game gets
// one bag (or one new game), with the same answer on both instances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../kit/files.js';
import { cleanup, startTestServer, type ChildServer } from '../kit/server.js';

let a: ChildServer, b: ChildServer;
beforeAll(async () => {
  const dataDir = tempDir();
  [a, b] = await Promise.all([
    startTestServer({ child: true, dataDir }),
    startTestServer({ child: true, dataDir }),
  ]);
});
afterAll(cleanup);

const key = (k: string) => ({ 'Idempotency-Key': k });

describe('one Idempotency-Key on two instances at once', () => {
  it('records one bag per key, and both instances answer it alike', async () => {
    const game = await a.createGame();
    const path = `/api/games/${game.id}/throws`;
    const keys = Array.from({ length: 20 }, (_, i) => `race-${i}`);
    for (const [i, k] of keys.entries()) {
      const body = { side: i % 8 < 4 ? 'home' : 'away', result: 'miss' };
      const [onA, onB] = await Promise.all([
        a.api('POST', path, body, key(k)),
        b.api('POST', path, body, key(k)),
      ]);
      expect(onA.status).toBe(200);
      expect(onB.status).toBe(200);
      expect(onB.text).toBe(onA.text);
      expect(onA.json.version).toBe(i + 1);
    }
    for (const s of [a, b]) {
      const state = (await s.api('GET', `/api/games/${game.id}/state`)).json;
      expect(state.version).toBe(keys.length);
      const bags = state.rounds.length * 8 + state.round.home.miss + state.round.away.miss;
      expect(bags).toBe(keys.length);
    }
  });

  it('creates one game for a create sent to both at once', async () => {
    const body = { home: { name: 'Twice Home' }, away: { name: 'Twice Away' } };
    const [onA, onB] = await Promise.all([
      a.api('POST', '/api/games', body, key('race-create')),
      b.api('POST', '/api/games', body, key('race-create')),
    ]);
    expect(onA.status).toBe(201);
    expect(onB.text).toBe(onA.text);
    const list = (await b.api('GET', '/api/games')).json as Array<{ home: { name: string } }>;
    expect(list.filter((g) => g.home.name === 'Twice Home')).toHaveLength(1);
  });

  it('refuses the key on the other instance for another request with 422', async () => {
    const game = await a.createGame();
    const path = `/api/games/${game.id}/throws`;
    expect((await a.api('POST', path, { side: 'home', result: 'hole' }, key('cross'))).status).toBe(200);
    const other = await b.api('POST', path, { side: 'away', result: 'hole' }, key('cross'));
    expect(other.status).toBe(422);
    expect(other.json.code).toBe('idempotency_key_reused');
    expect((await b.api('GET', `/api/games/${game.id}/state`)).json.version).toBe(1);
  });
});
