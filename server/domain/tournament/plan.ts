// The draw of a tournament at its start: every match with where its sides come from and the wave
// it can be played in, in calling order (by depth first, so each comes after those it waits for).
import type { Format, MatchPlan, TournamentOptions } from './types.js';
import { winnersBracket } from './elimination.js';
import { losersAndFinals } from './double.js';
import { roundRobin } from './round-robin.js';
import { callOrder } from './calls.js';
import { poolsPlan } from './pools.js';

/** The name of a round robin's single pool (pools of the next issue are named "A", "B", …). */
export const ROUND_ROBIN_POOL = 'A';

export function planMatches(
  format: Format,
  seeds: readonly string[],
  options: TournamentOptions,
): MatchPlan[] {
  return drawn(format, seeds, options).sort(callOrder);
}

function drawn(format: Format, seeds: readonly string[], options: TournamentOptions): MatchPlan[] {
  switch (format) {
    case 'single':
      return withDepths(winnersBracket(seeds));
    case 'double':
      return withDepths([...winnersBracket(seeds), ...losersAndFinals(seeds.length, options.reset)]);
    case 'round-robin':
      // Switch partners draws its rounds one at a time (switch.ts): nothing is planned at the start.
      return options.draw === 'switch' ? [] : roundRobin(seeds, ROUND_ROBIN_POOL, options.twice);
    case 'pools':
      return poolsPlan(seeds, options.pools ?? { size: seeds.length, advance: 2 }, options.twice);
  }
}

/** Depth 1 for a match of seeded teams, else one more than the deepest match it waits for. */
function withDepths(plans: MatchPlan[]): MatchPlan[] {
  const depth = new Map<string, number>();
  return plans.map((plan) => {
    const of = (s: MatchPlan['home']) =>
      s.kind === 'winner' || s.kind === 'loser' ? (depth.get(s.match) ?? 0) : 0;
    const d = 1 + Math.max(of(plan.home), of(plan.away));
    depth.set(plan.id, d);
    return { ...plan, depth: d };
  });
}
