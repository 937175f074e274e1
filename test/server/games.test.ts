// The games service end to end on a real database file: creating and scoring games, reading them
// back, and everything surviving a close and reopen.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../server/domain/index.js';
import type { Command, GameState, Rules } from '../../server/domain/index.js';
import { accepted, created, openGames, steppingClock, teams, tempDataDir } from './store/helpers.js';

const bag = (side: 'home' | 'away', result: 'hole' | 'board' | 'miss'): Command => ({
  type: 'throw',
  side,
  result,
});
const homeFourBagger: Command = { type: 'round', home: { hole: 4, board: 0 }, away: { hole: 0, board: 0 } };

describe('Games', () => {
  it('creates a game at version 0 with an 8+ character random id and answers 201 with its state', () => {
    const games = openGames(tempDataDir());
    const result = games.create(teams());
    expect(result).toMatchObject({ kind: 'accepted', answer: { ok: true, status: 201 } });
    const state = accepted(result);
    expect(state.version).toBe(0);
    expect(state.id).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(result).toMatchObject({
      change: { gameId: state.id, kind: 'created', version: 0, finished: false },
    });
    const other = created(games);
    expect(other.id).not.toBe(state.id);
  });

  it('creates a game with the given rules over the defaults and refuses rules that cannot be played', () => {
    const games = openGames(tempDataDir());
    const rules = { target: 11, bust: 7, colour: 'red' } as unknown as Partial<Rules>;
    const state = created(games, { home: { name: 'H' }, away: { name: 'A' }, rules, firstThrow: 'away' });
    expect(state?.rules).toEqual({ ...DEFAULT_RULES, target: 11, bust: 7 });
    expect(state).toMatchObject({ home: { players: [] }, round: { firstThrow: 'away' } });
    const refused = games.create({ ...teams(), rules: { target: 0 } });
    expect(refused).toMatchObject({ kind: 'refused', answer: { status: 400, code: 'bad_rules' } });
    expect(games.list()).toHaveLength(1);
  });

  it('records bags, moves the version by one per write and reads the state back', () => {
    const games = openGames(tempDataDir(), { now: steppingClock() });
    const id = created(games).id;
    const first = games.command(id, bag('home', 'hole'));
    expect(first).toMatchObject({
      kind: 'accepted',
      answer: { status: 200, state: { version: 1 } },
      change: { gameId: id, version: 1, kind: 'write' },
    });
    games.command(id, bag('away', 'board'));
    expect(games.get(id)).toMatchObject({ version: 2, round: { home: { hole: 1 }, away: { board: 1 } } });
    expect(games.get('nope')).toBeNull();
  });

  it('answers 404 not_found for a write to a game that does not exist', () => {
    const games = openGames(tempDataDir());
    const result = games.command('missing1', bag('home', 'miss'));
    expect(result).toMatchObject({
      kind: 'refused',
      answer: { status: 404, code: 'not_found', state: null },
    });
  });

  it('answers a refused write with 409, its code and the current state, and records nothing', () => {
    const games = openGames(tempDataDir());
    const id = created(games).id;
    const result = games.command(id, { type: 'undo' });
    expect(result).toEqual({
      kind: 'refused',
      answer: {
        ok: false,
        status: 409,
        code: 'nothing_to_undo',
        error: expect.any(String),
        state: games.get(id),
      },
    });
    expect(games.get(id)?.version).toBe(0);
  });

  it('lists every game with scores, status and times, and never leaks libsql row metadata', () => {
    const games = openGames(tempDataDir(), { now: steppingClock() });
    const a = created(games, { ...teams('A', 'B'), board: 1 }).id;
    const b = created(games, teams('C', 'D')).id;
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
    const id = created(games).id;
    expect(games.command(id, homeFourBagger)).toMatchObject({ change: { finished: false } });
    const end = games.command(id, homeFourBagger);
    expect(end).toMatchObject({ change: { finished: true } });
    expect(accepted(end)).toMatchObject({ status: 'final', winner: 'home' });
    expect(games.command(id, bag('away', 'hole')).answer).toMatchObject({ status: 409, code: 'game_final' });
    // Undo reopens it.
    expect(accepted(games.command(id, { type: 'undo' }))).toMatchObject({ status: 'live', version: 3 });
  });

  it('restores every game, score, round history, board queue and setting after close and reopen', () => {
    const dataDir = tempDataDir();
    const before = openGames(dataDir, { now: steppingClock() });
    before.setBoardCount(3);
    before.setSetting('pin', '4321');
    const a = created(before, { ...teams('A', 'B'), board: 2 }).id;
    const queued = created(before, { ...teams('C', 'D'), board: 2 }).id;
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
    const undone = accepted(after.command(a, { type: 'undo' }));
    expect(undone.rounds).toHaveLength(0);
    expect(undone.round.away).toEqual({ hole: 1, board: 2, miss: 0 });
  });

  it('exports the venue as JSON with every game and the boards', () => {
    const games = openGames(tempDataDir());
    const a = created(games, { ...teams(), board: 1 }).id;
    const b = created(games, { ...teams(), board: 1 }).id;
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
