// The pools of a pools tournament: which teams each holds (read from its matches, so a late team
// in a pool's free seat counts) and its table, ranked from the pool's own matches with the round
// robin's tie-breaks (ranking.ts). A pool's placings are final once all its matches are decided.
import type { Match, Pool } from './types.js';
import { count, counts, empty, roundRobinRanking, standing, type Tally } from './ranking.js';

const ELIMINATION = new Set(['winners', 'losers', 'final']);

/** A match of a pool (or of a round robin's single pool), not of an elimination bracket. */
export const inPool = (m: Pick<Match, 'bracket'>): boolean => !ELIMINATION.has(m.bracket);

export interface PoolRanking {
  /** The pool's teams in seed order. */
  teams: string[];
  /** Best first. */
  ranked: Tally[];
  done: boolean;
}

/** One pool's ranking from its matches; `seed` gives a team's seed index (the last tie-break). */
export function poolRanking(matches: readonly Match[], seed: (team: string) => number): PoolRanking {
  const seen = new Set<string>();
  for (const m of matches) {
    if (m.home !== null) seen.add(m.home);
    if (m.away !== null) seen.add(m.away);
  }
  const teams = [...seen].sort((a, b) => seed(a) - seed(b));
  const tallies = new Map(teams.map((t) => [t, empty(t)]));
  for (const m of matches) if (counts(m)) count(tallies, m);
  const ranked = roundRobinRanking(teams, matches, (t) => tallies.get(t) ?? empty(t), seed);
  return { teams, ranked, done: matches.every((m) => m.status === 'done') };
}

/** Pool names in order: "A", "B", … (at most 22, so never "W", "L" or "F" of the brackets' ids). */
export function poolNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String.fromCharCode(65 + i));
}

/** The matches of each pool, by pool name in order. */
export function poolMatches(matches: readonly Match[]): Map<string, Match[]> {
  const pools = new Map<string, Match[]>();
  for (const m of matches) {
    if (!inPool(m)) continue;
    const list = pools.get(m.bracket);
    if (list === undefined) pools.set(m.bracket, [m]);
    else list.push(m);
  }
  return new Map([...pools].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every pool's table; a team below `advance` of a finished pool is out. */
export function poolTables(
  matches: readonly Match[],
  seed: (team: string) => number,
  advance: number,
): Pool[] {
  return [...poolMatches(matches)].map(([name, ms]) => {
    const { teams, ranked, done } = poolRanking(ms, seed);
    const standings = ranked.map((t, i) => standing(t, done ? i + 1 : null, done && i >= advance));
    return { name, teams, standings, done };
  });
}
