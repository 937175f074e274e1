// Shooting statistics per side and per player: closed rounds only, before cancellation, doubles
// partners alternating rounds.
import { describe, expect, it } from 'vitest';
import { bags, given, play, round } from './given.js';

describe('side stats', () => {
  it('count ppr, in-hole and on-board shares and four-baggers over closed rounds', () => {
    const { state } = given({}, round([2, 1], [0, 0]), round([4, 0], [1, 1]));
    expect(state.home.stats).toEqual({
      rounds: 2,
      bags: 8,
      points: 19,
      hole: 6,
      board: 1,
      ppr: 9.5,
      inHole: 0.75,
      onBoard: 0.125,
      fourBaggers: 1,
    });
  });

  it('count points before cancellation, so a side that never scored still has a ppr', () => {
    const { state } = given({}, round([2, 1], [1, 2]));
    expect(state.away.score).toBe(0);
    expect(state.away.stats).toMatchObject({ rounds: 1, points: 5, ppr: 5, inHole: 0.25, onBoard: 0.5 });
  });

  it('leave out the open round until it closes', () => {
    const closed = given({}, round([1, 0], [0, 0]));
    const open = play(closed, ...bags('home', 'hhhh'), ...bags('away', 'bbb'));
    expect(open.state.home.stats).toEqual(closed.state.home.stats);
    const { state } = play(open, ...bags('away', 'b'));
    expect(state.home.stats).toMatchObject({ rounds: 2, fourBaggers: 1, ppr: 7.5 });
  });

  it('round shares to three decimals and ppr to two', () => {
    const { state } = given({}, round([1, 1], [0, 0]), round([1, 0], [0, 0]), round([0, 0], [0, 0]));
    expect(state.home.stats).toMatchObject({ ppr: 2.33, inHole: 0.167, onBoard: 0.083 });
  });

  it('are all zero before the first round closes', () => {
    const { state } = given({}, ...bags('home', 'h'));
    expect(state.home.stats).toMatchObject({ rounds: 0, bags: 0, ppr: 0, inHole: 0, onBoard: 0 });
  });
});

describe('player stats', () => {
  it('alternate doubles partners by round: the first player throws odd rounds', () => {
    const { state } = given(
      { homePlayers: ['Ann', 'Bo'], awayPlayers: ['Cy', 'Di'] },
      round([4, 0], [0, 0]),
      round([0, 2], [0, 0]),
      round([2, 0], [0, 0]),
    );
    const [ann, bo] = state.home.playerStats;
    expect(ann).toMatchObject({ name: 'Ann', rounds: 2, bags: 8, ppr: 9, inHole: 0.75, fourBaggers: 1 });
    expect(bo).toMatchObject({
      name: 'Bo',
      rounds: 1,
      bags: 4,
      ppr: 2,
      inHole: 0,
      onBoard: 0.5,
      fourBaggers: 0,
    });
    expect(state.away.playerStats.map((p) => p.rounds)).toEqual([2, 1]);
  });

  it('give a singles player every round, matching the side', () => {
    const { state } = given({ homePlayers: ['Ann'] }, round([1, 2], [0, 0]), round([0, 3], [1, 0]));
    expect(state.home.playerStats).toEqual([{ name: 'Ann', ...state.home.stats }]);
  });

  it('are empty when the players are not named', () => {
    const { state } = given({}, round([1, 0], [0, 0]));
    expect(state.home.playerStats).toEqual([]);
  });

  it('go back with undo', () => {
    const options = { homePlayers: ['Ann', 'Bo'] };
    const before = given(options, round([1, 0], [0, 0]));
    const { state } = play(before, round([4, 0], [0, 0]), { type: 'undo' });
    expect(state.home.playerStats).toEqual(before.state.home.playerStats);
  });
});
