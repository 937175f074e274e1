// The winners' bracket of an elimination: a bracket of the next power of two, seeds placed in the
// standard order (1 v N, then so that seeds 1 and 2 can only meet in the final), the missing seeds
// being byes. Byes are the bottom seeds, so they go to the top seeds and never meet each other.
import type { MatchPlan, Source } from './types.js';

/** The smallest power of two that holds `teams` (at least 2). */
export function bracketSize(teams: number): number {
  let size = 2;
  while (size < teams) size *= 2;
  return size;
}

export function roundsOf(size: number): number {
  return Math.round(Math.log2(size));
}

/**
 * Seed numbers (from 1) in bracket order for a bracket of `size`: [1, 2] grows to [1, 4, 2, 3],
 * then [1, 8, 4, 5, 2, 7, 3, 6], each seed followed by the seed that makes the pair sum to size + 1.
 */
export function seedPositions(size: number): number[] {
  let positions = [1, 2];
  while (positions.length < size) {
    const sum = positions.length * 2 + 1;
    positions = positions.flatMap((seed) => [seed, sum - seed]);
  }
  return positions;
}

export const winnerOf = (match: string): Source => ({ kind: 'winner', match });
export const loserOf = (match: string): Source => ({ kind: 'loser', match });

export function matchId(bracket: 'W' | 'L', round: number, order: number): string {
  return `${bracket}${round}-${order}`;
}

/** The winners' bracket for these seeds (team ids, best first); depth is filled in by the planner. */
export function winnersBracket(seeds: readonly string[]): MatchPlan[] {
  return bracketOf(seeds.map((team): Source => ({ kind: 'team', team })));
}

/** The same for entrants that are any sources (a pool's placings), best seed first. */
export function bracketOf(entrants: readonly Source[]): MatchPlan[] {
  const size = bracketSize(entrants.length);
  const slot = (seed: number): Source => entrants[seed - 1] ?? { kind: 'bye' };
  const positions = seedPositions(size);
  const plans: MatchPlan[] = [];
  const base = { bracket: 'winners', depth: 0, resetOf: null };
  for (let order = 1; order <= size / 2; order++) {
    const [home, away] = [positions[2 * order - 2] ?? 0, positions[2 * order - 1] ?? 0];
    plans.push({ ...base, id: matchId('W', 1, order), round: 1, order, home: slot(home), away: slot(away) });
  }
  for (let round = 2; round <= roundsOf(size); round++) {
    for (let order = 1; order <= size / 2 ** round; order++) {
      plans.push({
        ...base,
        id: matchId('W', round, order),
        round,
        order,
        home: winnerOf(matchId('W', round - 1, 2 * order - 1)),
        away: winnerOf(matchId('W', round - 1, 2 * order)),
      });
    }
  }
  return plans;
}
