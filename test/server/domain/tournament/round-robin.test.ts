// Round robin: the circle method's rounds (every pair once, or twice with sides swapped; with an
// odd count one team sits out each round) and the standings with their stated tie-breaks.
import { describe, expect, it } from 'vitest';
import type { Command, TournamentState } from '../../../../server/domain/tournament/index.js';
import { given, pairing, play, teams } from './given.js';

const start = { type: 'start' } as const;
const robin = (n: number, twice = false, autoCall = true) =>
  given({ format: 'round-robin', teams: teams(n), options: { seed: 1, twice, autoCall } }, start);

const pairsOf = (state: TournamentState) => state.matches.map((m) => [m.home, m.away].sort().join('-'));

/** The result of the match between a and b: a wins, `points` to `against`. */
function beats(state: TournamentState, a: string, b: string, points = 21, against = 10): Command {
  const m = state.matches.find((x) => (x.home === a && x.away === b) || (x.home === b && x.away === a));
  if (m === undefined) throw new Error(`no match ${a} v ${b}`);
  const score = m.home === a ? { home: points, away: against } : { home: against, away: points };
  return { type: 'record_result', match: m.id, winner: a, score };
}

describe('round robin: the rounds', () => {
  it('plays 4 teams in 3 rounds of 2, every pair once, in the single pool "A"', () => {
    const { state } = robin(4);
    expect(state.matches.map((m) => `${m.id} ${pairing(m)}`)).toEqual([
      'A1-1 t1-t4',
      'A1-2 t2-t3',
      'A2-1 t3-t1',
      'A2-2 t4-t2',
      'A3-1 t1-t2',
      'A3-2 t3-t4',
    ]);
    expect(new Set(pairsOf(state)).size).toBe(6);
    expect(state.matches.every((m) => m.bracket === 'A')).toBe(true);
  });

  it('with 5 teams: 5 rounds of 2, each team sits out once', () => {
    const { state } = robin(5);
    const rounds = [1, 2, 3, 4, 5].map((r) => state.matches.filter((m) => m.round === r));
    expect(rounds.map((ms) => ms.length)).toEqual([2, 2, 2, 2, 2]);
    const sitOuts = rounds.map(
      (ms) => teams(5).find((t) => !ms.some((m) => m.home === t.id || m.away === t.id))?.id,
    );
    expect([...sitOuts].sort()).toEqual(['t1', 't2', 't3', 't4', 't5']);
  });

  it('twice: the same rounds again with home and away swapped', () => {
    const { state } = robin(4, true);
    expect(state.matches).toHaveLength(12);
    const first = state.matches.filter((m) => m.round <= 3);
    const second = state.matches.filter((m) => m.round > 3);
    expect(second.map((m) => `${m.away}-${m.home}`)).toEqual(first.map((m) => `${m.home}-${m.away}`));
  });

  it('every match is ready from the start; the first round goes to the boards', () => {
    const { state } = robin(6);
    expect(state.matches.filter((m) => m.status === 'called').map((m) => [m.id, m.board])).toEqual([
      ['A1-1', 1],
      ['A1-2', 2],
    ]);
    expect(state.matches.filter((m) => m.status === 'ready')).toHaveLength(13);
  });

  it('is over when every match is played; the champion heads the table', () => {
    const log = robin(3, false, false);
    const end = play(
      log,
      beats(log.state, 't2', 't1'),
      beats(log.state, 't2', 't3'),
      beats(log.state, 't1', 't3'),
    );
    expect(end.state).toMatchObject({ status: 'final', champion: 't2' });
    expect(end.state.standings.map((s) => [s.team, s.place, s.wins, s.losses])).toEqual([
      ['t2', 1, 2, 0],
      ['t1', 2, 1, 1],
      ['t3', 3, 0, 2],
    ]);
  });
});

describe('round robin: tie-breaks, in order', () => {
  it('wins, then head-to-head between the teams level on wins (even against a better difference)', () => {
    const log = robin(4, false, false);
    const s = log.state;
    const end = play(
      log,
      beats(s, 't1', 't2', 21, 20),
      beats(s, 't1', 't3', 21, 20),
      beats(s, 't4', 't1', 21, 0),
      beats(s, 't2', 't3', 21, 0),
      beats(s, 't2', 't4', 21, 0),
      beats(s, 't3', 't4', 21, 19),
    );
    expect(end.state.standings.map((x) => [x.team, x.wins, x.diff])).toEqual([
      ['t1', 2, -19],
      ['t2', 2, 41],
      ['t3', 1, -20],
      ['t4', 1, -2],
    ]);
  });

  it('then point difference, then points for (three teams beating each other in a circle)', () => {
    const log = robin(3, false, false);
    const s = log.state;
    const end = play(
      log,
      beats(s, 't1', 't2', 21, 10),
      beats(s, 't2', 't3', 21, 5),
      beats(s, 't3', 't1', 21, 15),
    );
    expect(end.state.standings.map((x) => [x.team, x.diff, x.pointsFor])).toEqual([
      ['t1', 5, 36],
      ['t2', 5, 31],
      ['t3', -10, 26],
    ]);
  });

  it('and last the seed, when everything else is level (here: before any game)', () => {
    const options = { seed: 1, seeding: 'stats' as const, stats: { t1: 5, t2: 1, t3: 9 } };
    const { state } = given({ format: 'round-robin', teams: teams(3), options }, start);
    expect(state.standings.map((x) => [x.team, x.place])).toEqual([
      ['t3', null],
      ['t1', null],
      ['t2', null],
    ]);
  });
});
