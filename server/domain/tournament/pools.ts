// The draw of a pools tournament: seeds dealt into pools like cards in a snake (1 to A, 2 to B, …,
// then back from the last pool), a round robin in each, then a single elimination whose sides are
// pool placings ("2nd of B"), known only once that pool is over. Pool winners take the top seeds;
// each later place is given the seed that meets its own pool's teams as late as possible, so pool
// winners meet late and two teams of one pool meet again as late as the bracket allows.
import type { MatchPlan, PoolOptions, Source } from './types.js';
import { bracketOf, bracketSize, seedPositions } from './elimination.js';
import { roundRobin } from './round-robin.js';
import { poolNames } from './pool-table.js';

/** How many pools `teams` teams make: as few as hold them with none above `size`. */
export const poolCount = (teams: number, size: number): number => Math.ceil(teams / size);

/** Whether `teams` teams make pools whose top `advance` fill a bracket of at least two. */
export function poolsFit(teams: number, { size, advance }: PoolOptions): boolean {
  const pools = poolCount(teams, size);
  return pools <= 22 && advance <= Math.floor(teams / pools) && pools * advance >= 2;
}

/** The seeds (team ids, best first) of each pool, snake-dealt. */
export function dealPools(seeds: readonly string[], size: number): string[][] {
  const count = poolCount(seeds.length, size);
  const pools: string[][] = Array.from({ length: count }, () => []);
  seeds.forEach((team, i) => {
    const row = Math.floor(i / count);
    const col = i % count;
    pools[row % 2 === 0 ? col : count - 1 - col]?.push(team);
  });
  return pools;
}

export function poolsPlan(seeds: readonly string[], options: PoolOptions, twice: boolean): MatchPlan[] {
  const pools = dealPools(seeds, options.size);
  const names = poolNames(pools.length);
  const rounds = pools.flatMap((teams, i) => roundRobin(teams, names[i] ?? '?', twice));
  const poolDepth = Math.max(0, ...rounds.map((m) => m.depth));
  const knockout = bracketOf(crossedPlacings(names, options.advance)).map((m) => ({
    ...m,
    depth: poolDepth + m.round,
  }));
  return [...rounds, ...knockout];
}

/**
 * The bracket's entrants, best seed first: each pool's placings, crossed as above. Place by place,
 * the place's seeds go to the pools so that the earliest round in which any team meets a team of
 * its own pool is as late as it can be; among such deals, earlier pools take the better seeds.
 */
export function crossedPlacings(pools: readonly string[], advance: number): Source[] {
  const count = pools.length;
  const positions = seedPositions(bracketSize(count * advance));
  const position = new Map(positions.map((seed, i) => [seed, i]));
  // The round in which two seeds would meet: the highest bit in which their positions differ.
  const meet = (a: number, b: number) => 32 - Math.clz32((position.get(a) ?? 0) ^ (position.get(b) ?? 0));
  const given: number[][] = pools.map(() => []);
  const entrants: Source[] = [];
  for (let place = 1; place <= advance; place++) {
    const seeds = Array.from({ length: count }, (_, i) => (place - 1) * count + i + 1);
    // How late pool p's team on `seed` first meets its pool's teams seeded so far.
    const late = (p: number, seed: number) =>
      Math.min(Number.POSITIVE_INFINITY, ...(given[p] ?? []).map((m) => meet(seed, m)));
    const deal = latestDeal(count, seeds, late);
    deal.forEach((seed, p) => {
      given[p]?.push(seed);
      entrants[seed - 1] = { kind: 'placing', pool: pools[p] ?? '?', place };
    });
  }
  return entrants;
}

/** A seed per pool maximising the smallest `late(pool, seed)`; then the lowest seeds, pool by pool. */
function latestDeal(
  count: number,
  seeds: readonly number[],
  late: (p: number, seed: number) => number,
): number[] {
  const bounds = [...new Set(seeds.flatMap((s) => Array.from({ length: count }, (_, p) => late(p, s))))];
  bounds.sort((a, b) => b - a);
  for (const bound of bounds) {
    const fixed: number[] = [];
    for (let p = 0; p < count; p++) {
      const choice = seeds.find(
        (s) =>
          !fixed.includes(s) && late(p, s) >= bound && completes([...fixed, s], count, seeds, late, bound),
      );
      if (choice === undefined) break;
      fixed.push(choice);
    }
    if (fixed.length === count) return fixed;
  }
  return [...seeds];
}

/** Whether the pools after those `fixed` can all still get a seed meeting the bound (Kuhn's matching). */
function completes(
  fixed: readonly number[],
  count: number,
  seeds: readonly number[],
  late: (p: number, seed: number) => number,
  bound: number,
): boolean {
  const free = seeds.filter((s) => !fixed.includes(s));
  const owner = new Map<number, number>();
  const augment = (p: number, seen: Set<number>): boolean => {
    for (const s of free) {
      if (seen.has(s) || late(p, s) < bound) continue;
      seen.add(s);
      const other = owner.get(s);
      if (other === undefined || augment(other, seen)) {
        owner.set(s, p);
        return true;
      }
    }
    return false;
  };
  for (let p = fixed.length; p < count; p++) if (!augment(p, new Set())) return false;
  return true;
}
