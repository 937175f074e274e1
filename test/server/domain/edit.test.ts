// Fixing a game in the rules engine: an edit records only what changes, moves the version, is allowed
// on a finished game, replays from the log, and undo steps over it (names and board stay).
import { describe, expect, it } from 'vitest';
import { replay } from '../../../server/domain/index.js';
import { bags, given, logOf, round, undo, when } from './given.js';

describe('an edit', () => {
  it('records only the fields that change, and nothing when nothing does', () => {
    const game = given({});
    const d = when(game, { type: 'edit', home: 'Bag Daddies', away: 'Hole Patrols', board: 5 });
    expect(d).toEqual({
      ok: true,
      events: [{ type: 'game_edited', away: 'Hole Patrols', board: 5, at: expect.any(String) }],
    });
    expect(when(game, { type: 'edit', home: 'Bag Daddies', board: 3 })).toEqual({ ok: true, events: [] });
    expect(when(game, { type: 'edit', board: null })).toMatchObject({ ok: true, events: [{ board: null }] });
  });

  it('moves the version and keeps the score, also on a finished game', () => {
    const final = given({}, round([4, 0], [0, 0]), round([3, 1], [0, 0]));
    expect(final.state.status).toBe('final');
    const fixed = given({}, round([4, 0], [0, 0]), round([3, 1], [0, 0]), {
      type: 'edit',
      away: 'Hole Patrol II',
    });
    expect(fixed.state).toMatchObject({
      version: 3,
      status: 'final',
      winner: 'home',
      away: { name: 'Hole Patrol II', score: 0 },
      home: { score: 22 },
    });
    expect(fixed.state.rounds).toEqual(final.state.rounds);
  });

  it('is stepped over by undo: the last bag goes, the new names and board stay', () => {
    const game = given({}, ...bags('home', 'hb'), { type: 'edit', home: 'Renamed', board: 7 }, undo);
    expect(game.state).toMatchObject({ version: 4, board: 7, home: { name: 'Renamed' } });
    expect(game.state.round.home).toEqual({ hole: 1, board: 0, miss: 0 });
    const back = given({}, ...bags('home', 'hb'), { type: 'edit', home: 'Renamed' }, undo, undo);
    expect(back.state.round.home).toEqual({ hole: 0, board: 0, miss: 0 });
    expect(back.state.home.name).toBe('Renamed');
    expect(when(back, undo)).toMatchObject({ ok: false, code: 'nothing_to_undo' });
  });

  it('replays from the log to the same state', () => {
    const commands = [
      ...bags('away', 'b'),
      { type: 'edit', away: 'Sack Attack', board: 2 } as const,
      undo,
      ...bags('home', 'h'),
    ];
    const log = logOf({}, ...commands);
    expect(log.map((e) => e.type)).toEqual([
      'game_created',
      'bag_thrown',
      'game_edited',
      'undone',
      'bag_thrown',
    ]);
    expect(replay(log).state).toEqual(given({}, ...commands).state);
    expect(replay(log).state.queue).toBeNull();
  });
});
