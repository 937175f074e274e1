// Partners for a round of switch partners: a perfect matching of the players using only pairs that
// have partnered at most k times, for the least k that has one, so nobody partners anyone twice
// while a pairing without a repeat is possible. Edmonds' blossom algorithm finds a maximum matching
// in any graph (O(n³), n ≤ 128 players); the vertex order is shuffled with the round's seed, so the
// matching it finds is a random one among many. Pure; the round it draws is written into the log.
import { shuffleWith as shuffle, type Random } from './random.js';

/** A maximum matching: mate[v] is v's partner or -1. `adjacent[v]` lists v's neighbours. */
export function maximumMatching(adjacent: readonly (readonly number[])[]): number[] {
  const n = adjacent.length;
  const mate = new Array<number>(n).fill(-1);
  const parent = new Array<number>(n).fill(-1);
  const base = Array.from({ length: n }, (_, i) => i);
  const used = new Array<boolean>(n).fill(false);
  const inBlossom = new Array<boolean>(n).fill(false);
  const get = (a: readonly number[], i: number) => a[i] ?? -1;

  const commonAncestor = (a0: number, b0: number): number => {
    const seen = new Array<boolean>(n).fill(false);
    for (let a = a0; ;) {
      a = get(base, a);
      seen[a] = true;
      if (get(mate, a) === -1) break;
      a = get(parent, get(mate, a));
    }
    for (let b = b0; ;) {
      b = get(base, b);
      if (seen[b]) return b;
      b = get(parent, get(mate, b));
    }
  };
  const markPath = (v0: number, b: number, child0: number) => {
    for (let v = v0, child = child0; get(base, v) !== b;) {
      inBlossom[get(base, v)] = true;
      inBlossom[get(base, get(mate, v))] = true;
      parent[v] = child;
      child = get(mate, v);
      v = get(parent, child);
    }
  };
  /** An augmenting path's far end from an unmatched root, or -1 (the path is kept in `parent`). */
  const findPath = (root: number): number => {
    used.fill(false);
    parent.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    used[root] = true;
    const queue = [root];
    for (let head = 0; head < queue.length; head++) {
      const v = get(queue, head);
      for (const to of adjacent[v] ?? []) {
        if (get(base, v) === get(base, to) || get(mate, v) === to) continue;
        if (to === root || (get(mate, to) !== -1 && get(parent, get(mate, to)) !== -1)) {
          // An odd cycle: contract it into its base and go on from every vertex in it.
          const cycleBase = commonAncestor(v, to);
          inBlossom.fill(false);
          markPath(v, cycleBase, to);
          markPath(to, cycleBase, v);
          for (let i = 0; i < n; i++) {
            if (!inBlossom[get(base, i)]) continue;
            base[i] = cycleBase;
            if (!used[i]) {
              used[i] = true;
              queue.push(i);
            }
          }
        } else if (get(parent, to) === -1) {
          parent[to] = v;
          if (get(mate, to) === -1) return to;
          used[get(mate, to)] = true;
          queue.push(get(mate, to));
        }
      }
    }
    return -1;
  };

  // A greedy start, then augmenting paths from every vertex still alone.
  for (let v = 0; v < n; v++) {
    if (get(mate, v) !== -1) continue;
    const to = (adjacent[v] ?? []).find((u) => get(mate, u) === -1 && u !== v);
    if (to !== undefined) [mate[v], mate[to]] = [to, v];
  }
  for (let root = 0; root < n; root++) {
    if (get(mate, root) !== -1) continue;
    for (let end = findPath(root); end !== -1;) {
      const via = get(parent, end);
      const next = get(mate, via);
      mate[end] = via;
      mate[via] = end;
      end = next;
    }
  }
  return mate;
}

/**
 * Partners for `players` (an even number): pairs allowed by `may`, partnered so far `times(a, b)`,
 * none more often than the least bound that still pairs everyone. Null if `may` pairs nobody up.
 */
export function partners(
  players: readonly string[],
  times: (a: string, b: string) => number,
  may: (a: string, b: string) => boolean,
  next: Random,
): [string, string][] | null {
  const order = shuffle(players, next);
  const n = order.length;
  const pairs = order.flatMap((a, i) => order.slice(i + 1).map((b, j) => [i, i + 1 + j, a, b] as const));
  const allowed = pairs.filter(([, , a, b]) => may(a, b));
  const most = Math.max(0, ...allowed.map(([, , a, b]) => times(a, b)));
  for (let bound = 0; bound <= most; bound++) {
    const adjacent: number[][] = Array.from({ length: n }, () => []);
    for (const [i, j, a, b] of allowed) {
      if (times(a, b) > bound) continue;
      adjacent[i]?.push(j);
      adjacent[j]?.push(i);
    }
    // Neighbours in a shuffled order too, so the greedy start is a random one.
    const mate = maximumMatching(adjacent.map((list) => shuffle(list, next)));
    if (mate.some((m) => m === -1)) continue;
    return order.flatMap((a, i) => {
      const j = mate[i] ?? -1;
      return j > i ? [[a, order[j] ?? ''] as [string, string]] : [];
    });
  }
  return null;
}
