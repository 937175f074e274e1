// A round robin by the circle method: one team stays put while the others turn around it, so every
// pair meets once in n - 1 rounds (n even; with an odd count one team sits out each round) and
// nobody plays twice in a round. Twice round: the same rounds again with home and away swapped.
import type { MatchPlan } from './types.js';

export function roundRobin(seeds: readonly string[], pool: string, twice: boolean): MatchPlan[] {
  const ring: (string | null)[] = [...seeds];
  if (ring.length % 2 === 1) ring.push(null);
  const n = ring.length;
  const rounds: [string, string][][] = [];
  for (let r = 0; r < n - 1; r++) {
    const pairs: [string, string][] = [];
    for (let i = 0; i < n / 2; i++) {
      const a = ring[i] ?? null;
      const b = ring[n - 1 - i] ?? null;
      if (a === null || b === null) continue;
      // Alternate home so that no team is always at home: the fixed team by round, the rest by seat.
      pairs.push((i === 0 ? r % 2 === 0 : i % 2 === 1) ? [a, b] : [b, a]);
    }
    rounds.push(pairs);
    // Turn: the last seat moves to the second, the fixed seat stays.
    ring.splice(1, 0, ring.pop() ?? null);
  }
  const all = twice
    ? [...rounds, ...rounds.map((pairs) => pairs.map(([h, a]): [string, string] => [a, h]))]
    : rounds;
  return all.flatMap((pairs, r) =>
    pairs.map(([home, away], i) => ({
      id: `${pool}${r + 1}-${i + 1}`,
      bracket: pool,
      round: r + 1,
      order: i + 1,
      depth: r + 1,
      home: { kind: 'team' as const, team: home },
      away: { kind: 'team' as const, team: away },
      resetOf: null,
    })),
  );
}
