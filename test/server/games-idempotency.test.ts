// Retries and races: a write under an Idempotency-Key is decided once and its answer, whatever it
// was (200, 201, 404 or 409), is given again to every retry, also after the game moved on and after
// a restart; another request under a used key is refused with 422 and records nothing.
import { describe, expect, it } from 'vitest';
import type { Command } from '../../server/domain/index.js';
import { KEEP_ANSWERS_MS, answerBody, type Games, type KeyedRequest } from '../../server/games.js';
import { Store } from '../../server/store/index.js';
import { accepted, created, openGames, teams, tempDataDir } from './store/helpers.js';

const hole: Command = { type: 'throw', side: 'home', result: 'hole' };
const holeBody = { side: 'home', result: 'hole' };

const keyed = (key: string, path: string, body: unknown = {}): KeyedRequest => ({
  key,
  method: 'POST',
  path,
  body,
});
const throwsOf = (id: string) => `/api/games/${id}/throws`;

/** What a retry must not change: the game's log, the venue's counter and the kept answers. */
function footprint(games: Games, dataDir: string, id: string) {
  const store = Store.open(dataDir);
  try {
    return { state: games.get(id), seq: games.venueSeq(), answers: store.answers.count() };
  } finally {
    store.close();
  }
}

describe('Games idempotency', () => {
  it('counts a write sent five times with one key once and answers each time with the same body', () => {
    const games = openGames(tempDataDir());
    const id = created(games).id;
    const request = keyed('k-1', throwsOf(id), holeBody);
    const results = Array.from({ length: 5 }, () => games.command(id, hole, { request }));
    expect(results.map((r) => r.kind)).toEqual(['accepted', 'replayed', 'replayed', 'replayed', 'replayed']);
    for (const r of results) expect(r.answer).toEqual(results[0]?.answer);
    expect(games.get(id)).toMatchObject({ version: 1, round: { home: { hole: 1 } } });
  });

  it('still counts the write once after the service is closed and reopened', () => {
    const dataDir = tempDataDir();
    const first = openGames(dataDir);
    const id = created(first).id;
    const request = keyed('retry-me', throwsOf(id), holeBody);
    const original = first.command(id, hole, { request });
    first.close();
    const second = openGames(dataDir);
    const retry = second.command(id, hole, { request });
    expect(retry).toEqual({ kind: 'replayed', answer: original.answer });
    expect(second.get(id)?.version).toBe(1);
  });

  it('answers a retried create with the game as it was created, after it has moved on', () => {
    const games = openGames(tempDataDir());
    const request = keyed('new-game', '/api/games', { home: { name: 'H' }, away: { name: 'A' } });
    const first = games.create(teams(), { request });
    const id = accepted(first).id;
    games.command(id, hole);
    const again = games.create(teams(), { request });
    expect(again).toEqual({ kind: 'replayed', answer: first.answer });
    expect(again.answer).toMatchObject({ status: 201, state: { id, version: 0 } });
    expect(games.list()).toHaveLength(1);
  });

  it('answers a 409 retried after the game moved with the same 409 and records nothing', () => {
    const dataDir = tempDataDir();
    const games = openGames(dataDir);
    const id = created(games).id;
    games.command(id, hole);
    const request = keyed('stale', throwsOf(id), { ...holeBody, expectedVersion: 0 });
    const refused = games.command(id, hole, { expectedVersion: 0, request });
    expect(refused.answer).toMatchObject({ status: 409, code: 'version_conflict', state: { version: 1 } });
    games.command(id, { type: 'throw', side: 'away', result: 'board' });
    const before = footprint(games, dataDir, id);
    expect(before.state?.version).toBe(2);

    const retry = games.command(id, hole, { expectedVersion: 0, request });
    expect(retry).toEqual({ kind: 'replayed', answer: refused.answer });
    expect(JSON.stringify(answerBody(retry.answer))).toBe(JSON.stringify(answerBody(refused.answer)));
    expect(footprint(games, dataDir, id)).toEqual(before);
  });

  it('keeps a refusal of the rules too: a keyed undo refused on an empty game stays refused', () => {
    const games = openGames(tempDataDir());
    const id = created(games).id;
    const request = keyed('u', `/api/games/${id}/undo`);
    const refused = games.command(id, { type: 'undo' }, { request });
    expect(refused.answer).toMatchObject({ status: 409, code: 'nothing_to_undo', state: { version: 0 } });
    games.command(id, hole);
    expect(games.command(id, { type: 'undo' }, { request })).toEqual({
      kind: 'replayed',
      answer: refused.answer,
    });
    expect(games.get(id)?.version).toBe(1);
  });

  it('keeps a 404 for a game that does not exist', () => {
    const games = openGames(tempDataDir());
    const request = keyed('lost', throwsOf('nosuchgame'), holeBody);
    const first = games.command('nosuchgame', hole, { request });
    expect(first.answer).toMatchObject({ status: 404, code: 'not_found', state: null });
    expect(games.command('nosuchgame', hole, { request })).toEqual({
      kind: 'replayed',
      answer: first.answer,
    });
  });

  it('refuses a used key with another body, path or method with 422 and records nothing', () => {
    const dataDir = tempDataDir();
    const games = openGames(dataDir);
    const id = created(games).id;
    const first = games.command(id, hole, { request: keyed('same', throwsOf(id), holeBody) });
    expect(first.kind).toBe('accepted');
    const before = footprint(games, dataDir, id);
    const away: Command = { type: 'throw', side: 'away', result: 'hole' };
    const others: Array<[Command, KeyedRequest]> = [
      [away, keyed('same', throwsOf(id), { side: 'away', result: 'hole' })],
      [hole, keyed('same', throwsOf(id), { ...holeBody, expectedVersion: 1 })],
      [{ type: 'undo' }, keyed('same', `/api/games/${id}/undo`)],
      [hole, { ...keyed('same', throwsOf(id), holeBody), method: 'PUT' }],
    ];
    for (const [command, request] of others) {
      expect(games.command(id, command, { request })).toEqual({
        kind: 'refused',
        answer: {
          ok: false,
          status: 422,
          code: 'idempotency_key_reused',
          error: expect.stringContaining('Idempotency-Key'),
          state: null,
        },
      });
    }
    expect(games.create(teams(), { request: keyed('same', '/api/games') }).answer.status).toBe(422);
    expect(footprint(games, dataDir, id)).toEqual(before);
    expect(games.list()).toHaveLength(1);
    // The same body with its keys in another order is the same request.
    const reordered = keyed('same', throwsOf(id), { result: 'hole', side: 'home' });
    expect(games.command(id, hole, { request: reordered })).toEqual({
      kind: 'replayed',
      answer: first.answer,
    });
  });

  it('decides a key afresh when the first request was malformed (400 comes before the key)', () => {
    const games = openGames(tempDataDir());
    const request = keyed('fix-me', '/api/games', {});
    expect(games.create({ ...teams(), rules: { target: 0 } }, { request }).answer).toMatchObject({
      status: 400,
      code: 'bad_rules',
    });
    expect(games.create(teams(), { request }).kind).toBe('accepted');
  });

  it('forgets answers after a day, at open and from a later write', () => {
    const dataDir = tempDataDir();
    let now = Date.parse('2025-06-07T18:00:00.000Z');
    const clock = () => new Date(now);
    const games = openGames(dataDir, { now: clock });
    const id = created(games).id;
    const old = keyed('yesterday', throwsOf(id), holeBody);
    games.command(id, hole, { request: old });
    now += KEEP_ANSWERS_MS / 2;
    games.command(id, hole, { request: keyed('today', throwsOf(id), holeBody) });
    now += KEEP_ANSWERS_MS / 2 + 1000;
    // A later write sweeps: the day-old key is free again, the younger one is still kept.
    games.command(id, { type: 'throw', side: 'away', result: 'miss' });
    expect(games.command(id, hole, { request: old }).kind).toBe('accepted');
    expect(games.command(id, hole, { request: keyed('today', throwsOf(id), holeBody) }).kind).toBe(
      'replayed',
    );
    games.close();

    now += KEEP_ANSWERS_MS + 1000;
    const reopened = openGames(dataDir, { now: clock });
    const store = Store.open(dataDir);
    try {
      expect(store.answers.count()).toBe(0);
    } finally {
      store.close();
    }
    expect(reopened.get(id)?.version).toBe(4);
  });

  it('lets one of two writes with the same expectedVersion through and answers the other 409 with the state', () => {
    const games = openGames(tempDataDir());
    const id = created(games).id;
    const first = games.command(id, hole, { expectedVersion: 0 });
    const second = games.command(
      id,
      { type: 'throw', side: 'away', result: 'board' },
      { expectedVersion: 0 },
    );
    expect(first.answer.status).toBe(200);
    expect(second).toMatchObject({
      kind: 'refused',
      answer: { status: 409, code: 'version_conflict', state: { version: 1, round: { home: { hole: 1 } } } },
    });
    expect(games.get(id)?.version).toBe(1);
    expect(games.command(id, hole, { expectedVersion: 1 }).answer.status).toBe(200);
  });
});
