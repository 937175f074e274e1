// Working a bracket out again after a change to what came before (a corrected result, a team in a
// bye's slot, a forfeit taken back): every match after it is worked out afresh from its sources,
// in order; one whose sides come out different is reset (voided: no board, game or result) and
// worked out anew, the others are kept as they are. The voided matches are exactly those
// downstream of the change whose teams or results depend on it: a match whose sides stay the
// same keeps its result, so nothing past it moves.
import type { Match, Score } from './types.js';
import { lookupOver, reset, resolve, type SettleContext } from './settle.js';

export interface Rederived {
  matches: Match[];
  /** The matches reset, in order. */
  voids: string[];
}

/**
 * `matches` with the changed ones already in them (a decided match as decided, an undecided one
 * to be worked out); every other match is compared and voided where its sides change.
 */
export function rederive(
  matches: readonly Match[],
  changed: ReadonlySet<string>,
  ctx: SettleContext,
): Rederived {
  const byId = new Map<string, Match>();
  const out: Match[] = [];
  const voids: string[] = [];
  const lookup = lookupOver(out, (id) => byId.get(id), ctx);
  for (const match of matches) {
    let next = match;
    if (changed.has(match.id)) {
      if (match.status !== 'done') next = resolve(match, lookup, ctx);
    } else {
      const fresh = resolve(reset(match), lookup, ctx);
      if (!unchanged(fresh, match)) {
        voids.push(match.id);
        next = fresh;
      }
    }
    byId.set(next.id, next);
    out.push(next);
  }
  return { matches: out, voids };
}

/**
 * Whether a match worked out afresh is the one it was: the same sides, and where its result was
 * worked out too (a bye, an unneeded reset), the same result. A result played or confirmed (a game,
 * a no-show's forfeit) stands while the sides stand.
 */
function unchanged(fresh: Match, old: Match): boolean {
  const sides =
    fresh.home === old.home &&
    fresh.away === old.away &&
    fresh.bye.home === old.bye.home &&
    fresh.bye.away === old.bye.away;
  if (!sides || (old.decidedBy !== 'bye' && old.decidedBy !== 'unneeded')) return sides;
  return fresh.decidedBy === old.decidedBy && fresh.winner === old.winner && fresh.loser === old.loser;
}

/**
 * The match has been played on: a game under way or played, a result, a forfeit. A match only
 * called (a game linked but not started) has not: voided, it loses its board and its game.
 */
export function played(m: Match): boolean {
  return m.decidedBy === 'game' || m.decidedBy === 'forfeit' || m.status === 'live' || m.games.length > 0;
}

/** A decided match with its result put right (its games stay as they were played). */
export function correctedMatch(m: Match, winner: string, score: Score | null): Match {
  return {
    ...m,
    winner,
    loser: winner === m.home ? m.away : m.home,
    score: score === null ? null : { ...score },
  };
}

/** Those of `voids` that had been played on, as the matches were before the change. */
export function playedOn(before: readonly Match[], voids: readonly string[]): string[] {
  const byId = new Map(before.map((m) => [m.id, m]));
  return voids.filter((id) => {
    const m = byId.get(id);
    return m !== undefined && played(m);
  });
}
