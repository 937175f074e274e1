// What people call a round and a match: "Quarter-finals", "Semi-final 2", "Losers' round 3",
// "Grand final". One source for the bracket's headings, a match's game and the board calls.
import type { Match, TournamentState } from './types.js';

const KNOCKOUT = ['Final', 'Semi-finals', 'Quarter-finals'];

/** The heading of round `round` of `bracket` in this tournament. */
export function roundTitle(
  state: Pick<TournamentState, 'format' | 'matches'>,
  bracket: string,
  round: number,
): string {
  const rounds = Math.max(0, ...state.matches.filter((m) => m.bracket === bracket).map((m) => m.round));
  const fromEnd = rounds - round;
  switch (bracket) {
    case 'final':
      return round === 1 ? 'Grand final' : 'Reset final';
    case 'losers':
      return fromEnd === 0 ? "Losers' final" : `Losers' round ${round}`;
    case 'winners':
      if (state.format === 'double') return fromEnd === 0 ? "Winners' final" : `Winners' round ${round}`;
      return KNOCKOUT[fromEnd] ?? `Round ${round}`;
    default:
      // A round robin's rounds are just numbered; pools name their pool.
      return state.format === 'round-robin' ? `Round ${round}` : `Pool ${bracket}, round ${round}`;
  }
}

/** "Semi-final 2", "Final", "Losers' round 3, match 1": a match's name on its game and its call. */
export function matchLabel(state: Pick<TournamentState, 'format' | 'matches'>, match: Match): string {
  const title = roundTitle(state, match.bracket, match.round);
  const siblings = state.matches.filter((m) => m.bracket === match.bracket && m.round === match.round).length;
  if (siblings <= 1) return title;
  const singular = title.endsWith('-finals') ? title.slice(0, -1) : null;
  return singular !== null ? `${singular} ${match.order}` : `${title}, match ${match.order}`;
}
