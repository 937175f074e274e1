// A tournament night's pieces of the tournaments service (service.ts): the players of a draw, a late
// entrant's id, a series game's label, and the games that matches no longer need.
import {
  matchLabel,
  type Match,
  type PlayerEntry,
  type TournamentState,
} from '../domain/tournament/index.js';

/** Player ids `p1`, `p2`, … in the order entered; a bare name has no tier. */
export function playerEntries(
  players: ReadonlyArray<string | { name: string; tier?: 'A' | 'B' | null }>,
): PlayerEntry[] {
  return players.map((p, i) => {
    const { name, tier } = typeof p === 'string' ? { name: p, tier: null } : p;
    return { id: `p${i + 1}`, name, tier: tier ?? null };
  });
}

/** The options given, without the absent ones: a plain tournament's log stays as it was. */
export function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The first id `{prefix}{n}` no entry has: a late team or player after others left or were drawn. */
export function freshEntryId(prefix: string, taken: ReadonlyArray<{ id: string }>): string {
  const ids = new Set(taken.map((t) => t.id));
  let n = taken.length + 1;
  while (ids.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** "Final", or in a series "Final, game 2 of 3": the game about to be played is the next one. */
export function gameLabel(state: TournamentState, match: Match): string {
  const label = matchLabel(state, match);
  return match.bestOf > 1 ? `${label}, game ${match.games.length + 1} of ${match.bestOf}` : label;
}

/**
 * The games of matches that were on a board before these events and no longer need them: voided
 * (another game or none linked now) or decided without them (a forfeit). A game a result came from
 * is the match's record, never unneeded.
 */
export function unneededGames(before: TournamentState, after: TournamentState): string[] {
  const out: string[] = [];
  for (const was of before.matches) {
    if (was.gameId === null || (was.status !== 'called' && was.status !== 'live')) continue;
    const now = after.matches.find((m) => m.id === was.id);
    if (now === undefined || now.games.some((g) => g.gameId === was.gameId)) continue;
    const stillPlaying = now.gameId === was.gameId && (now.status === 'called' || now.status === 'live');
    if (!stillPlaying) out.push(was.gameId);
  }
  return out;
}
