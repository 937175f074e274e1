// Double elimination: where the losers go (drop orders that put rematches late), byes in the
// losers' bracket, the grand final with and without its reset, and the placings.
import { describe, expect, it } from 'vitest';
import type { Match, Source } from '../../../../server/domain/tournament/index.js';
import { given, inBracket, match, pairing, play, playOut, result, teams } from './given.js';

const start = { type: 'start' } as const;
const double = (n: number, reset = true) =>
  given({ format: 'double', teams: teams(n), boards: [1, 2, 3, 4], options: { seed: 1, reset } }, start);
const from = (s: Source) => (s.kind === 'team' ? s.team : s.kind === 'bye' ? 'bye' : `${s.kind} ${s.match}`);
const sources = (ms: Match[]) => ms.map((m) => `${m.id}: ${from(m.from.home)} v ${from(m.from.away)}`);

describe('double elimination: the losers bracket', () => {
  it('for 8 teams: first-round losers pair up, round-2 losers drop reversed, the final loser last', () => {
    const { state } = double(8);
    expect(sources(inBracket(state, 'losers'))).toEqual([
      'L1-1: loser W1-1 v loser W1-2',
      'L1-2: loser W1-3 v loser W1-4',
      'L2-1: loser W2-2 v winner L1-1',
      'L2-2: loser W2-1 v winner L1-2',
      'L3-1: winner L2-1 v winner L2-2',
      'L4-1: loser W3-1 v winner L3-1',
    ]);
    expect(sources(inBracket(state, 'final'))).toEqual([
      'F1: winner W3-1 v winner L4-1',
      'F2: loser F1 v winner F1',
    ]);
  });

  it('for 32 teams: round 3 drops with halves swapped, round 4 with each half reversed', () => {
    const { state } = double(32);
    const homes = (round: number) => inBracket(state, 'losers', round).map((m) => from(m.from.home));
    expect(homes(2)).toEqual(Array.from({ length: 8 }, (_, i) => `loser W2-${8 - i}`));
    expect(homes(4)).toEqual(['loser W3-3', 'loser W3-4', 'loser W3-1', 'loser W3-2']);
    expect(homes(6)).toEqual(['loser W4-1', 'loser W4-2']);
    expect(homes(8)).toEqual(['loser W5-1']);
  });

  it('sends each loser where its source says: after round 1, L1-1 holds the losers of W1-1 and W1-2', () => {
    const log = double(8);
    const next = play(log, result(log.state, 'W1-1', 'home'), result(log.state, 'W1-2', 'away'));
    expect(match(next.state, 'L1-1')).toMatchObject({ home: 't8', away: 't4', status: 'called' });
  });

  it('passes byes through the losers bracket: 3 teams, the first loser walks over the bye', () => {
    const log = double(3);
    expect(inBracket(log.state, 'winners', 1).map(pairing)).toEqual(['t1-bye', 't2-t3']);
    expect(match(log.state, 'L1-1')).toMatchObject({ bye: { home: true, away: false }, status: 'pending' });
    const next = play(log, result(log.state, 'W1-2', 'home'));
    expect(match(next.state, 'L1-1')).toMatchObject({ status: 'done', decidedBy: 'bye', winner: 't3' });
    expect(match(next.state, 'L2-1')).toMatchObject({ away: 't3', home: null, status: 'pending' });
  });

  it('with 5 teams, the losers bracket has a bye against a bye, which passes a bye on', () => {
    const log = double(5);
    expect(inBracket(log.state, 'losers', 1).map(pairing)).toEqual(['bye-?', 'bye-bye']);
    expect(match(log.state, 'L1-2')).toMatchObject({ status: 'done', decidedBy: 'bye', winner: null });
    expect(match(log.state, 'L2-2')).toMatchObject({ bye: { home: false, away: true } });
  });
});

describe('double elimination: the grand final', () => {
  /** Everyone's home side wins, except in the matches named, where the away side wins. */
  const awayWins =
    (...ids: string[]) =>
    (m: Match) =>
      ids.includes(m.id) ? 'away' : 'home';

  it('ends at the first final when the winners champion wins it; the reset is not needed', () => {
    const end = playOut(double(8));
    expect(end.state).toMatchObject({ status: 'final', champion: 't1' });
    expect(match(end.state, 'F2')).toMatchObject({
      status: 'done',
      decidedBy: 'unneeded',
      home: null,
      winner: null,
    });
    expect(end.state.standings[0]).toMatchObject({ team: 't1', place: 1, losses: 0 });
    expect(end.state.standings[1]).toMatchObject({ place: 2, losses: 2 });
  });

  it('plays the reset when the losers champion wins the first final: same teams, winners champion at home', () => {
    const log = playOut(double(8), awayWins('F1', 'F2'));
    const f1 = match(log.state, 'F1');
    expect(match(log.state, 'F2')).toMatchObject({ home: f1.home, away: f1.away, decidedBy: 'game' });
    expect(log.state.champion).toBe(f1.away);
    const [first, second] = log.state.standings;
    expect([first?.team, first?.losses, second?.team, second?.losses]).toEqual([f1.away, 1, f1.home, 2]);
  });

  it('without a reset, the first final decides: the winners champion goes out with one loss', () => {
    const end = playOut(double(8, false), awayWins('F1'));
    expect(inBracket(end.state, 'final').map((m) => m.id)).toEqual(['F1']);
    const f1 = match(end.state, 'F1');
    expect(end.state.champion).toBe(f1.away);
    expect(end.state.standings[1]).toMatchObject({ team: f1.home, place: 2, losses: 1, eliminated: true });
  });

  it('for 2 teams: the first loser meets the winner again in the final, and the reset if it wins', () => {
    const log = double(2);
    expect(sources(log.state.matches)).toEqual([
      'W1-1: t1 v t2',
      'F1: winner W1-1 v loser W1-1',
      'F2: loser F1 v winner F1',
    ]);
    const end = playOut(log, awayWins('F1'));
    expect(end.state).toMatchObject({ champion: 't1' });
    expect(end.state.standings.map((s) => [s.team, s.place, s.losses])).toEqual([
      ['t1', 1, 1],
      ['t2', 2, 2],
    ]);
  });

  it('places 8 teams 1, 2, 3, 4, 5, 5, 7, 7', () => {
    const end = playOut(double(8));
    expect(end.state.standings.map((s) => s.place)).toEqual([1, 2, 3, 4, 5, 5, 7, 7]);
  });
});
