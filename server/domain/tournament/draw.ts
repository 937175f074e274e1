// Teams formed from players. A blind draw pairs the players at random once, at the start (with
// tiers, every team one A and one B player); the teams drawn go into the log (`teams_drawn`), so a
// replay never draws again. Drawn teams are named after their players and numbered draw-1, draw-2, …
import type { PlayerEntry, TeamEntry } from './types.js';
import { generator, shuffleWith, streamSeed } from './random.js';

/** The stream of random numbers the blind draw uses (switch partners' rounds use 100 + round). */
const BLIND_STREAM = 1;

/** A team of two drawn players. */
export function teamOf(id: string, a: PlayerEntry, b: PlayerEntry): TeamEntry {
  return { id, name: `${a.name} & ${b.name}`, players: [a.name, b.name], members: [a.id, b.id] };
}

export const usesTiers = (players: readonly PlayerEntry[]): boolean => players.some((p) => p.tier !== null);

/** Why these players cannot be drawn into teams of two, or null. */
export function drawProblem(players: readonly PlayerEntry[]): string | null {
  if (!usesTiers(players)) {
    return players.length % 2 === 0 ? null : `${players.length} players cannot all be paired.`;
  }
  const a = players.filter((p) => p.tier === 'A').length;
  const b = players.filter((p) => p.tier === 'B').length;
  return a === b ? null : `${a} A players and ${b} B players cannot all be paired one of each.`;
}

export function blindDraw(players: readonly PlayerEntry[], seed: number): TeamEntry[] {
  const next = generator(streamSeed(seed, BLIND_STREAM));
  const named = (pairs: [PlayerEntry, PlayerEntry][]) =>
    pairs.map(([a, b], i) => teamOf(`draw-${i + 1}`, a, b));
  if (usesTiers(players)) {
    const a = shuffleWith(
      players.filter((p) => p.tier === 'A'),
      next,
    );
    const b = shuffleWith(
      players.filter((p) => p.tier === 'B'),
      next,
    );
    return named(a.flatMap((p, i) => (b[i] === undefined ? [] : [[p, b[i]] as [PlayerEntry, PlayerEntry]])));
  }
  const all = shuffleWith(players, next);
  const pairs: [PlayerEntry, PlayerEntry][] = [];
  for (let i = 0; i + 1 < all.length; i += 2) pairs.push([all[i] as PlayerEntry, all[i + 1] as PlayerEntry]);
  return named(pairs);
}
