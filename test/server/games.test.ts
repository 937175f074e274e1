// The games service end to end on a real database file: creating and scoring games, reading them
// back, and everything surviving a close and reopen.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../server/domain/index.js';
import type { Command, GameState, Rules } from '../../server/domain/index.js';
import { openGames, steppingClock, teams, tempDataDir } from './store/helpers.js';

const bag = (side: 'home' | 'away', result: 'hole' | 'board' | 'miss'): Command => ({
  type: 'throw',
  side,
  result,
});
const homeFourBagger: Command = { type: 'round', home: { hole: 4, board: 0 }, away: { hole: 0, board: 0 } };

describe('Games', () => {
  it('creates a game at version 0 with an 8+ character random id and answers 201 with its state', () => {
    const games = openGames(tempDataDir());
    const outcome = games.create(teams());
    expect(outcome.status).toBe(201);
    expect(outcome.changed).toBe(true);
    const state = outcome.body as GameState;
    expect(state.version).toBe(0);
    expect(state.id).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(outcome.change).toMatchObject({ gameId: state.id, kind: 'created', version: 0, finished: false });
    const other = games.create(teams()).body as GameState;
    expect(other.id).not.toBe(state.id);
  });

  it('creates a game with the given rules over the defaults and refuses rules that cannot be played', () => {
    const games = openGames(tempDataDir());
    const rules = { target: 11, bust: 7, colour: 'red' } as unknown as Partial<Rules>;
    const state = games.create({ home: { name: 'H' }, away: { name: 'A' }, rules, firstThrow: 'away' }).state;
    expect(state?.rules).toEqual({ ...DEFAULT_RULES, target: 11, bust: 7 });
    expect(state).toMatchObject({ home: { players: [] }, round: { firstThrow: 'away' } });
    const refused = games.create({ ...teams(), rules: { target: 0 } });
    expect(refused).toMatchObject({ status: 400, changed: false, body: { code: 'bad_rules' } });
    expect(games.list()).toHaveLength(1);
  });

  it('records bags, moves the version by one per write and reads the state back', () => {
    const games = openGames(tempDataDir(), { now: steppingClock() });
    const id = (games.create(teams()).body as GameState).id;
    const first = games.command(id, bag('home', 'hole'));
    expect(first).toMatchObject({
      status: 200,
      changed: true,
      change: { gameId: id, version: 1, kind: 'write' },
    });
    games.command(id, bag('away', 'board'));
    expect(games.get(id)).toMatchObject({ version: 2, round: { home: { hole: 1 }, away: { board: 1 } } });
    expect(games.get('nope')).toBeNull();
  });

  it('answers 404 not_found for a write to a game that does not exist', () => {
    const games = openGames(tempDataDir());
    const outcome = games.command('missing1', bag('home', 'miss'));
    expect(outcome).toMatchObject({ status: 404, changed: false, body: { code: 'not_found' } });
  });

  it('answers a refused write with 409, its code and the current state, and records nothing', () => {
    const games = openGames(tempDataDir());
    const id = (games.create(teams()).body as GameState).id;
    const outcome = games.command(id, { type: 'undo' });
    expect(outcome).toMatchObject({
      status: 409,
      changed: false,
      body: { code: 'nothing_to_undo', state: { version: 0 } },
    });
    expect(games.get(id)?.version).toBe(0);
    expect(outcome.change).toBeUndefined();
  });

  it('lists every game with scores, status and times, and never leaks libsql row metadata', () => {
    const games = openGames(tempDataDir(), { now: steppingClock() });
    const a = (games.create({ ...teams('A', 'B'), board: 1 }).body as GameState).id;
    const b = (games.create(teams('C', 'D')).body as GameState).id;
    games.command(a, homeFourBagger);
    games.command(a, homeFourBagger);
    const list = games.list();
    expect(list).toEqual([
      expect.objectContaining({
        id: a,
        board: 1,
        status: 'final',
        version: 2,
        home: { name: 'A', score: 24 },
      }),
      expect.objectContaining({
        id: b,
        board: null,
        status: 'live',
        version: 0,
        away: { name: 'D', score: 0 },
      }),
    ]);
    expect(list[0]?.startedAt).toEqual(expect.any(String));
    for (const value of [list, games.get(a), games.boards(), games.exportVenueJson()]) {
      expect(JSON.stringify(value)).not.toContain('_metadata');
    }
  });

  it('marks the write that ends a game as finished and refuses bags after it', () => {
    const games = openGames(tempDataDir());
    const id = (games.create(teams()).body as GameState).id;
    expect(games.command(id, homeFourBagger).change?.finished).toBe(false);
    const end = games.command(id, homeFourBagger);
    expect(end.change?.finished).toBe(true);
    expect(end.state).toMatchObject({ status: 'final', winner: 'home' });
    expect(games.command(id, bag('away', 'hole')).body).toMatchObject({ code: 'game_final' });
    // Undo reopens it.
    expect(games.command(id, { type: 'undo' }).state).toMatchObject({ status: 'live', version: 3 });
  });

  it('restores every game, score, round history, board queue and setting after close and reopen', () => {
    const dataDir = tempDataDir();
    const before = openGames(dataDir, { now: steppingClock() });
    before.setBoardCount(3);
    before.setSetting('pin', '4321');
    const a = (before.create({ ...teams('A', 'B'), board: 2 }).body as GameState).id;
    const queued = (before.create({ ...teams('C', 'D'), board: 2 }).body as GameState).id;
    for (const command of [
      bag('home', 'hole'),
      bag('away', 'board'),
      bag('home', 'miss'),
      bag('away', 'hole'),
    ]) {
      before.command(a, command);
    }
    for (let i = 0; i < 4; i++) before.command(a, bag(i % 2 ? 'away' : 'home', 'board'));
    before.command(a, bag('home', 'hole'));
    before.command(a, { type: 'undo' });
    const stateBefore = before.get(a);
    const listBefore = before.list();
    const boardsBefore = before.boards();
    const seqBefore = before.venueSeq();
    before.close();

    const after = openGames(dataDir);
    expect(after.get(a)).toEqual(stateBefore);
    expect(after.get(a)?.rounds).toHaveLength(1);
    expect(after.list()).toEqual(listBefore);
    expect(after.boards()).toEqual(boardsBefore);
    expect(after.boards()[1]?.queue.map((q) => q.id)).toEqual([queued]);
    expect(after.boardCount()).toBe(3);
    expect(after.setting('pin')).toBe('4321');
    expect(after.venueSeq()).toBe(seqBefore);
    // The undo history survives too: undoing again reopens round 1 without its last bag.
    const undone = after.command(a, { type: 'undo' }).state;
    expect(undone?.rounds).toHaveLength(0);
    expect(undone?.round.away).toEqual({ hole: 1, board: 2, miss: 0 });
  });

  it('exports the venue as JSON with every game and the boards', () => {
    const games = openGames(tempDataDir());
    const a = (games.create({ ...teams(), board: 1 }).body as GameState).id;
    const b = (games.create({ ...teams(), board: 1 }).body as GameState).id;
    const exported = games.exportVenueJson() as {
      boardCount: number;
      boards: Array<{ number: number; current: string | null; queue: string[] }>;
      games: Array<{ state: GameState; startedAt: string | null }>;
    };
    expect(exported.boardCount).toBe(4);
    expect(exported.boards[0]).toMatchObject({ number: 1, current: a, queue: [b] });
    expect(exported.games.map((g) => g.state.id)).toEqual([a, b]);
    expect(exported.games[1]?.startedAt).toBeNull();
  });
});
