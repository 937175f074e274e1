// The losers' bracket and the grand final of a double elimination. Losers of the first winners'
// round pair up; each later winners' round drops its losers onto the survivors of the losers'
// bracket, then those pair up again. Drop orders alternate so that a dropped team meets, as late
// as possible, a team it already played: round 2 reversed, round 3 with its halves swapped, round 4
// with each half reversed, later rounds (two teams at most, in brackets of up to 64) as they come.
// For 8/16/32/64 teams no such rematch can happen before losers' round 3/4/5/7 of 4/6/8/10.
import type { MatchPlan } from './types.js';
import { bracketSize, loserOf, matchId, roundsOf, winnerOf } from './elimination.js';

export type DropOrder = 'natural' | 'reverse' | 'half_shift' | 'reverse_half_shift';

/** The order in which the losers of winners' round `round` meet the losers' bracket. */
export function dropOrder(round: number): DropOrder {
  return (['natural', 'natural', 'reverse', 'half_shift', 'reverse_half_shift'] as const)[round] ?? 'natural';
}

export function ordered<T>(items: readonly T[], order: DropOrder): T[] {
  const half = items.length / 2;
  switch (order) {
    case 'natural':
      return [...items];
    case 'reverse':
      return [...items].reverse();
    case 'half_shift':
      return half < 1 ? [...items] : [...items.slice(half), ...items.slice(0, half)];
    case 'reverse_half_shift':
      return half < 1 ? [...items] : [...items.slice(0, half).reverse(), ...items.slice(half).reverse()];
  }
}

/** The losers' bracket and finals for `teams` entrants (the winners' bracket is planned apart). */
export function losersAndFinals(teams: number, reset: boolean): MatchPlan[] {
  const size = bracketSize(teams);
  const rounds = roundsOf(size);
  const base = { bracket: 'losers', depth: 0, resetOf: null };
  const plans: MatchPlan[] = [];
  const drops = (round: number) =>
    ordered(
      Array.from({ length: size / 2 ** round }, (_, i) => matchId('W', round, i + 1)),
      dropOrder(round),
    );
  // Losers' round 1: the first round's losers two by two.
  const first = drops(1);
  for (let order = 1; order <= size / 4; order++) {
    const [home, away] = [first[2 * order - 2] ?? '', first[2 * order - 1] ?? ''];
    plans.push({
      ...base,
      id: matchId('L', 1, order),
      round: 1,
      order,
      home: loserOf(home),
      away: loserOf(away),
    });
  }
  for (let wround = 2; wround <= rounds; wround++) {
    const dropped = drops(wround);
    const major = 2 * wround - 2;
    for (let order = 1; order <= dropped.length; order++) {
      plans.push({
        ...base,
        id: matchId('L', major, order),
        round: major,
        order,
        home: loserOf(dropped[order - 1] ?? ''),
        away: winnerOf(matchId('L', major - 1, order)),
      });
    }
    if (wround === rounds) break;
    for (let order = 1; order <= dropped.length / 2; order++) {
      plans.push({
        ...base,
        id: matchId('L', major + 1, order),
        round: major + 1,
        order,
        home: winnerOf(matchId('L', major, 2 * order - 1)),
        away: winnerOf(matchId('L', major, 2 * order)),
      });
    }
  }
  // Two teams have no losers' bracket: the first loser is its champion.
  const losersChampion =
    rounds === 1 ? loserOf(matchId('W', 1, 1)) : winnerOf(matchId('L', 2 * rounds - 2, 1));
  const final = { bracket: 'final', depth: 0, order: 1 };
  plans.push({
    ...final,
    id: 'F1',
    round: 1,
    home: winnerOf(matchId('W', rounds, 1)),
    away: losersChampion,
    resetOf: null,
  });
  if (reset) {
    // Same sides as the first final: the winners' champion (who lost it) at home.
    plans.push({ ...final, id: 'F2', round: 2, home: loserOf('F1'), away: winnerOf('F1'), resetOf: 'F1' });
  }
  return plans;
}
