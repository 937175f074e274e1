// What people call a round and a match: "Quarter-finals", "Semi-final 2", "Losers' round 3",
// "Grand final". One source for the bracket's headings, a match's game and the board calls.
import type { Format, Match, TournamentState } from './types.js';

/** The last round of a bracket (its final): the highest round any of its matches is in. */
export function lastRound(matches: readonly Match[], bracket: string): number {
  let last = 0;
  for (const m of matches) if (m.bracket === bracket && m.round > last) last = m.round;
  return last;
}

/**
 * A round's title. Winners' bracket: "Round n" until the last three rounds, which are the
 * "Quarter-finals", "Semi-finals" and "Final" (in double elimination the "Winners' semi-finals" and
 * "Winners' final", the grand final being the real one). Losers' bracket: "Losers' round n", its last
 * the "Losers' final". Finals: "Grand final", "Reset final". A round robin's rounds: "Round n"; a
 * pool's: "Pool A, round n".
 */
export function roundTitle(format: Format, bracket: string, round: number, last: number): string {
  const double = format === 'double';
  if (bracket === 'winners') {
    const fromEnd = last - round;
    if (fromEnd === 0) return double ? "Winners' final" : 'Final';
    if (fromEnd === 1) return double ? "Winners' semi-finals" : 'Semi-finals';
    if (fromEnd === 2) return 'Quarter-finals';
    return `Round ${round}`;
  }
  if (bracket === 'losers') return round === last ? "Losers' final" : `Losers' round ${round}`;
  if (bracket === 'final') return round === 1 ? 'Grand final' : 'Reset final';
  return format === 'round-robin' ? `Round ${round}` : `Pool ${bracket}, round ${round}`;
}

/** "Semi-final 2", "Final", "Losers' round 3, match 1": a match's name on its game and its call. */
export function matchLabel(state: Pick<TournamentState, 'format' | 'matches'>, match: Match): string {
  const title = roundTitle(state.format, match.bracket, match.round, lastRound(state.matches, match.bracket));
  const siblings = state.matches.filter((m) => m.bracket === match.bracket && m.round === match.round).length;
  if (siblings <= 1) return title;
  // "Quarter-finals" → "Quarter-final 3"; "Round 1" → "Round 1, match 4".
  return title.endsWith('-finals')
    ? `${title.slice(0, -1)} ${match.order}`
    : `${title}, match ${match.order}`;
}
