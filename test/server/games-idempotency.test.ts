// Retries and races: an Idempotency-Key makes a retried write count once (also after a restart),
// and expectedVersion lets only one of two writes based on the same state through.
import { describe, expect, it } from 'vitest';
import type { Command, GameState } from '../../server/domain/index.js';
import { openGames, teams, tempDataDir } from './store/helpers.js';

const hole: Command = { type: 'throw', side: 'home', result: 'hole' };

describe('Games idempotency', () => {
  it('counts a write sent five times with one key once and answers each time with the same body', () => {
    const games = openGames(tempDataDir());
    const id = (games.create(teams()).body as GameState).id;
    const outcomes = Array.from({ length: 5 }, () => games.command(id, hole, { idempotencyKey: 'k-1' }));
    expect(outcomes.map((o) => o.changed)).toEqual([true, false, false, false, false]);
    for (const o of outcomes) {
      expect(o.status).toBe(200);
      expect(o.body).toEqual(outcomes[0]?.body);
    }
    expect(games.get(id)).toMatchObject({ version: 1, round: { home: { hole: 1 } } });
  });

  it('still counts the write once after the service is closed and reopened', () => {
    const dataDir = tempDataDir();
    const first = openGames(dataDir);
    const id = (first.create(teams()).body as GameState).id;
    const original = first.command(id, hole, { idempotencyKey: 'retry-me' });
    first.close();
    const second = openGames(dataDir);
    const retry = second.command(id, hole, { idempotencyKey: 'retry-me' });
    expect(retry).toMatchObject({ status: 200, changed: false });
    expect(retry.body).toEqual(original.body);
    expect(second.get(id)?.version).toBe(1);
  });

  it('creates one game for a create retried with the same key', () => {
    const games = openGames(tempDataDir());
    const a = games.create(teams(), { idempotencyKey: 'new-game' });
    const b = games.create(teams(), { idempotencyKey: 'new-game' });
    expect(b).toMatchObject({ status: 201, changed: false, body: a.body });
    expect(b.state?.id).toBe((a.body as GameState).id);
    expect(games.list()).toHaveLength(1);
  });

  it('keeps a key per request path: the same key on another endpoint is a new request', () => {
    const games = openGames(tempDataDir());
    const id = (games.create(teams(), { idempotencyKey: 'same' }).body as GameState).id;
    expect(games.command(id, hole, { idempotencyKey: 'same' }).changed).toBe(true);
    expect(games.command(id, { type: 'undo' }, { idempotencyKey: 'same' }).changed).toBe(true);
    expect(games.get(id)?.version).toBe(2);
  });

  it('remembers nothing for a refused write, so a retry with the same key is decided afresh', () => {
    const games = openGames(tempDataDir());
    const id = (games.create(teams()).body as GameState).id;
    const refused = games.command(id, { type: 'undo' }, { idempotencyKey: 'u' });
    expect(refused.status).toBe(409);
    games.command(id, hole);
    expect(games.command(id, { type: 'undo' }, { idempotencyKey: 'u' })).toMatchObject({
      status: 200,
      changed: true,
    });
  });

  it('lets one of two writes with the same expectedVersion through and answers the other 409 with the state', () => {
    const games = openGames(tempDataDir());
    const id = (games.create(teams()).body as GameState).id;
    const first = games.command(id, hole, { expectedVersion: 0 });
    const second = games.command(
      id,
      { type: 'throw', side: 'away', result: 'board' },
      { expectedVersion: 0 },
    );
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 409, changed: false });
    expect(second.body).toMatchObject({
      code: 'version_conflict',
      state: { version: 1, round: { home: { hole: 1 } } },
    });
    expect(games.get(id)?.version).toBe(1);
    expect(games.command(id, hole, { expectedVersion: 1 }).status).toBe(200);
  });
});
