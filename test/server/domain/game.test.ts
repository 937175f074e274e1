// The game as a log: versions, refusals, undo (across rounds, of round entries, out of a final
// game), whole-round entry against eight bags, replay, and purity of evolve.
import { describe, expect, it } from 'vitest';
import { bagsLeft, evolve, liveState, replay } from '../../../server/domain/index.js';
import type { Game, GameState } from '../../../server/domain/index.js';
import { at, bags, created, given, logOf, play, round, undo, when } from './given.js';

/** The state without the two fields that say when and how many writes, for like-for-like checks. */
function content(state: GameState): Omit<GameState, 'version' | 'updatedAt'> {
  const { version: _version, updatedAt: _updatedAt, ...rest } = state;
  return rest;
}

const finished = () => given({}, round([4, 0], [0, 0]), round([3, 1], [0, 0]));

describe('a new game', () => {
  it('starts at version 0 in round 1, live, with the creation time', () => {
    const { state } = given({ firstThrow: 'away' });
    expect(state).toMatchObject({
      version: 0,
      status: 'live',
      winner: null,
      board: 3,
      round: { number: 1, firstThrow: 'away', home: { hole: 0, board: 0, miss: 0 } },
      rounds: [],
      createdAt: at(0),
      updatedAt: at(0),
    });
  });
});

describe('version', () => {
  it('moves by one with every bag, round and undo, and updatedAt is the last write', () => {
    const game = given({}, ...bags('home', 'hb'), undo, ...bags('home', 'b'));
    expect(game.state.version).toBe(4);
    expect(game.state.updatedAt).toBe(at(4));
    expect(
      play(game, ...bags('home', 'mm'), ...bags('away', 'mmmm'), round([0, 0], [0, 0])).state.version,
    ).toBe(11);
  });
});

describe('bags', () => {
  it('may come in any order within a round; the round closes when both sides have four', () => {
    const game = given({}, ...bags('away', 'hhb'), ...bags('home', 'bbbb'), ...bags('away', 'm'));
    expect(game.state.rounds).toHaveLength(1);
    expect(game.state.rounds[0]).toMatchObject({ home: { points: 4 }, away: { points: 7 }, scored: 'away' });
    expect(game.state.round).toMatchObject({ number: 2, home: { hole: 0, board: 0, miss: 0 } });
  });

  it('count the bags left per side', () => {
    const { state } = given({}, ...bags('home', 'hmb'));
    expect([bagsLeft(state, 'home'), bagsLeft(state, 'away')]).toEqual([1, 4]);
  });
});

describe('refusals', () => {
  it('refuses a fifth bag for a side with no_bags_left', () => {
    const decision = when(given({}, ...bags('home', 'hhhh')), {
      type: 'throw',
      side: 'home',
      result: 'miss',
    });
    expect(decision).toMatchObject({ ok: false, code: 'no_bags_left' });
  });

  it('refuses bags and rounds on a final game with game_final', () => {
    const game = finished();
    expect(game.state.status).toBe('final');
    expect(when(game, { type: 'throw', side: 'away', result: 'hole' })).toMatchObject({ code: 'game_final' });
    expect(when(game, round([0, 0], [1, 0]))).toMatchObject({ ok: false, code: 'game_final' });
  });

  it('refuses undo with nothing_to_undo on a new game and once everything is undone', () => {
    expect(when(given({}), undo)).toMatchObject({ ok: false, code: 'nothing_to_undo' });
    const emptied = given({}, ...bags('home', 'h'), undo, round([0, 0], [0, 0]), undo);
    expect(when(emptied, undo)).toMatchObject({ ok: false, code: 'nothing_to_undo' });
  });

  it('refuses a whole round over bags already thrown with round_in_progress', () => {
    const decision = when(given({}, ...bags('away', 'b')), round([1, 0], [0, 1]));
    expect(decision).toMatchObject({ ok: false, code: 'round_in_progress' });
  });

  it('throws on round counts the API should have refused (negative, more than four bags)', () => {
    const game = given({});
    expect(() => when(game, round([3, 2], [0, 0]))).toThrow(/four bags|4 bags/);
    expect(() => when(game, round([0, 0], [-1, 0]))).toThrow();
    expect(() => when(game, round([1.5, 0], [0, 0]))).toThrow();
  });

  it('accepts with the events to record, stamped with the given time', () => {
    const decision = when(given({}), { type: 'throw', side: 'away', result: 'board' });
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'bag_thrown', side: 'away', result: 'board', at: at(1) }],
    });
  });
});

describe('undo', () => {
  it('takes back the last bag, then the one before', () => {
    const game = given({}, ...bags('home', 'hb'), undo);
    expect(game.state.round.home).toEqual({ hole: 1, board: 0, miss: 0 });
    expect(play(game, undo).state.round.home).toEqual({ hole: 0, board: 0, miss: 0 });
  });

  it('reopens a round when it takes back the bag that closed it', () => {
    const before = given({}, round([1, 0], [0, 0]), ...bags('home', 'hhbm'), ...bags('away', 'bbb'));
    const closed = play(before, ...bags('away', 'h'));
    expect(closed.state.rounds).toHaveLength(2);
    const reopened = play(closed, undo);
    expect(content(reopened.state)).toEqual(content(before.state));
    expect(reopened.state.version).toBe(closed.state.version + 1);
    expect(bagsLeft(reopened.state, 'away')).toBe(1);
  });

  it('takes back a whole round entry at once', () => {
    const start = given({}, round([1, 0], [0, 0]));
    const game = play(start, round([2, 2], [1, 0]), undo);
    expect(content(game.state)).toEqual(content(start.state));
  });

  it('brings a final game back to live with no winner, and play goes on', () => {
    const game = play(finished(), undo);
    expect(game.state).toMatchObject({ status: 'live', winner: null, home: { score: 12 } });
    expect(game.state.rounds).toHaveLength(1);
    expect(play(game, round([0, 1], [0, 0])).state).toMatchObject({ status: 'live', home: { score: 13 } });
  });

  it('replays from the log to the same state', () => {
    const commands = [round([1, 0], [0, 0]), ...bags('home', 'hh'), undo, ...bags('away', 'b'), undo, undo];
    expect(replay(logOf({}, ...commands)).state).toEqual(given({}, ...commands).state);
  });
});

describe('a whole round entry', () => {
  it('gives the same state as its eight bags thrown one by one, but for version and time', () => {
    const options = { homePlayers: ['Ann', 'Bo'], awayPlayers: ['Cy'] };
    const start = [round([1, 1], [0, 3]), round([0, 0], [0, 0])];
    const byRound = given(options, ...start, round([2, 1], [4, 0]));
    const byBags = given(
      options,
      ...start,
      ...bags('away', 'hh'),
      ...bags('home', 'mhbh'),
      ...bags('away', 'hh'),
    );
    expect(content(byBags.state)).toEqual(content(byRound.state));
    expect(byBags.state.version).toBe(byRound.state.version + 7);
  });
});

describe('replay and evolve', () => {
  it('replay of a log equals evolving event by event', () => {
    const commands = [round([2, 1], [1, 2]), ...bags('home', 'hbmh'), ...bags('away', 'bbbb')];
    const log = logOf({}, ...commands);
    expect(replay(log).state).toEqual(given({}, ...commands).state);
    expect(replay(log).state.version).toBe(log.length - 1);
  });

  it('does not change the game it is given', () => {
    const game = given({ homePlayers: ['Ann'] }, ...bags('home', 'hhh'), ...bags('away', 'mmmm'));
    const snapshot = structuredClone(game.state);
    const next = evolve(game, { type: 'bag_thrown', side: 'home', result: 'hole', at: at(99) });
    expect(next.state.rounds).toHaveLength(1);
    expect(game.state).toEqual(snapshot);
    evolve(next, { type: 'undone', at: at(100) });
    expect(next.state.rounds).toHaveLength(1);
  });

  it('throws on events decide would never produce', () => {
    const full = given({}, ...bags('home', 'hhhh'));
    expect(() => evolve(full, { type: 'bag_thrown', side: 'home', result: 'hole', at: at(9) })).toThrow();
    expect(() =>
      evolve(finished(), { type: 'bag_thrown', side: 'away', result: 'hole', at: at(9) }),
    ).toThrow();
    expect(() => evolve(given({}), { type: 'undone', at: at(9) })).toThrow();
    expect(() => evolve(given({}), created())).toThrow();
    expect(() => replay([])).toThrow();
  });

  it('replays a long log of single bags (twelve washed rounds)', () => {
    const commands = [];
    for (let r = 0; r < 12; r += 1) commands.push(...bags('home', 'bmbm'), ...bags('away', 'mbmb'));
    const log = logOf({}, ...commands);
    expect(log).toHaveLength(97);
    const game: Game = replay(log);
    expect(game.state.rounds).toHaveLength(12);
    expect(game.state).toMatchObject({ status: 'live', home: { score: 0 }, away: { score: 0 } });
  });
});

describe('liveState', () => {
  it('is the state without the round history', () => {
    const { state } = given({}, round([1, 0], [0, 0]));
    const { rounds: _rounds, ...rest } = state;
    const live = liveState(state);
    expect('rounds' in live).toBe(false);
    expect(live).toEqual(rest);
  });
});
