// Single elimination: standard seeding order, byes to the top seeds, winners moving on, seeding
// as entered, shuffled with the seed, or by statistics, and the final placings.
import { describe, expect, it } from 'vitest';
import { evolve } from '../../../../server/domain/tournament/index.js';
import { at, given, inBracket, match, pairing, play, playOut, result, teams, when } from './given.js';

const start = { type: 'start' } as const;

describe('single elimination: the draw', () => {
  it('pairs 8 teams 1v8, 4v5, 2v7, 3v6 and calls the first two to boards 1 and 2', () => {
    const log = given({ teams: teams(8) });
    const decision = when(log, start);
    if (!decision.ok) expect.fail(decision.code);
    const [started, ...calls] = decision.events;
    expect(started).toMatchObject({
      type: 'tournament_started',
      seeds: teams(8).map((t) => t.id),
      at: at(1),
    });
    expect(calls).toEqual([
      { type: 'match_called', match: 'W1-1', board: 1, manual: false, at: at(1) },
      { type: 'match_called', match: 'W1-2', board: 2, manual: false, at: at(1) },
    ]);
    const state = decision.events.reduce(evolve, log.state);
    expect(inBracket(state, 'winners', 1).map(pairing)).toEqual(['t1-t8', 't4-t5', 't2-t7', 't3-t6']);
    expect(inBracket(state, 'winners').map((m) => m.id)).toEqual([
      'W1-1',
      'W1-2',
      'W1-3',
      'W1-4',
      'W2-1',
      'W2-2',
      'W3-1',
    ]);
    expect(state.version).toBe(3);
  });

  it('gives 6 teams two byes, to seeds 1 and 2, who wait in round 2 without a game', () => {
    const { state } = given({ teams: teams(6) }, start);
    expect(inBracket(state, 'winners', 1).map(pairing)).toEqual(['t1-bye', 't4-t5', 't2-bye', 't3-t6']);
    expect(match(state, 'W1-1')).toMatchObject({
      status: 'done',
      decidedBy: 'bye',
      winner: 't1',
      loser: null,
    });
    expect(match(state, 'W2-1')).toMatchObject({ home: 't1', away: null, status: 'pending' });
    expect(match(state, 'W2-2')).toMatchObject({ home: 't2', away: null, status: 'pending' });
    // The byes never took a board: the two real first-round games did.
    expect(state.matches.filter((m) => m.status === 'called').map((m) => [m.id, m.board])).toEqual([
      ['W1-2', 1],
      ['W1-4', 2],
    ]);
  });

  it('gives 5 teams three byes and no bye meets a bye', () => {
    const { state } = given({ teams: teams(5) }, start);
    expect(inBracket(state, 'winners', 1).map(pairing)).toEqual(['t1-bye', 't4-t5', 't2-bye', 't3-bye']);
    expect(match(state, 'W2-2')).toMatchObject({ home: 't2', away: 't3', status: 'called', board: 2 });
  });

  it('plays 2 teams as one final', () => {
    const log = given({ teams: teams(2) }, start);
    expect(log.state.matches.map(pairing)).toEqual(['t1-t2']);
    const end = play(log, result(log.state, 'W1-1', 'away'));
    expect(end.state).toMatchObject({ status: 'final', champion: 't2' });
  });

  it('shuffles the seeds with the seed: the same seed the same draw, another seed another', () => {
    const draw = (seed: number) =>
      given({ teams: teams(16), options: { seed, seeding: 'random' } }, start).state.seeds;
    expect(draw(42)).toEqual(draw(42));
    expect([...draw(42)].sort()).toEqual(
      teams(16)
        .map((t) => t.id)
        .sort(),
    );
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(42)).not.toEqual(teams(16).map((t) => t.id));
  });

  it('seeds by statistics, higher first, equal numbers in entry order', () => {
    const stats = { t1: 1.5, t2: 9, t3: 4, t4: 4 };
    const { state } = given({ teams: teams(4), options: { seed: 1, seeding: 'stats', stats } }, start);
    expect(state.seeds).toEqual(['t2', 't3', 't4', 't1']);
    expect(inBracket(state, 'winners', 1).map(pairing)).toEqual(['t2-t1', 't3-t4']);
  });
});

describe('single elimination: playing it', () => {
  it('moves winners on: match 1 to home of the next round, match 2 to away', () => {
    const log = given({ teams: teams(8) }, start);
    const next = play(log, result(log.state, 'W1-2', 'away'), result(log.state, 'W1-1', 'home'));
    expect(match(next.state, 'W2-1')).toMatchObject({ home: 't1', away: 't5' });
    expect(match(next.state, 'W1-2')).toMatchObject({
      status: 'done',
      winner: 't5',
      loser: 't4',
      decidedBy: 'game',
      score: { home: 10, away: 21 },
      board: 2,
      finishedAt: at(4),
    });
  });

  it('ends with a champion and placings: 2nd, two 3rds, four 5ths', () => {
    const end = playOut(given({ teams: teams(8) }, start));
    expect(end.state).toMatchObject({ status: 'final', champion: 't1' });
    expect(end.state.standings.map((s) => [s.team, s.place, s.wins, s.losses])).toEqual([
      ['t1', 1, 3, 0],
      ['t2', 2, 2, 1],
      ['t3', 3, 1, 1],
      ['t4', 3, 1, 1],
      ['t5', 5, 0, 1],
      ['t6', 5, 0, 1],
      ['t7', 5, 0, 1],
      ['t8', 5, 0, 1],
    ]);
    expect(when(end, { type: 'call' })).toMatchObject({ ok: false, code: 'tournament_final' });
  });

  it('places a team once every match up to its round is decided, not before', () => {
    const log = given({ teams: teams(4) }, start);
    const one = play(log, result(log.state, 'W1-1', 'home'));
    const t4 = one.state.standings.find((s) => s.team === 't4');
    expect(t4).toMatchObject({ eliminated: true, place: null, losses: 1 });
    const two = play(one, result(one.state, 'W1-2', 'home'));
    expect(two.state.standings.filter((s) => s.eliminated).map((s) => s.place)).toEqual([3, 3]);
    expect(two.state.standings.slice(0, 2).map((s) => [s.team, s.place, s.eliminated])).toEqual([
      ['t1', null, false],
      ['t2', null, false],
    ]);
  });
});
