// The seed order of a tournament's teams: as entered, shuffled with the tournament's seed, or by a
// number per team the caller computed from past games (higher first; equal numbers keep entry order).
import type { TeamEntry, TournamentOptions } from './types.js';
import { shuffled } from './random.js';

export function seedOrder(teams: readonly TeamEntry[], options: TournamentOptions): string[] {
  const ids = teams.map((t) => t.id);
  switch (options.seeding) {
    case 'entered':
      return ids;
    case 'random':
      return shuffled(ids, options.seed);
    case 'stats': {
      const stats = options.stats ?? {};
      const index = new Map(ids.map((id, i) => [id, i]));
      const value = (id: string) => stats[id] ?? Number.NEGATIVE_INFINITY;
      return [...ids].sort((a, b) => value(b) - value(a) || (index.get(a) ?? 0) - (index.get(b) ?? 0));
    }
  }
}
