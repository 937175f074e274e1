// The no-show clock: a called match whose game has not started within the tournament's
// `noShowMinutes` of its call has run out its clock; the organiser may then confirm a forfeit (the
// `forfeit` command; nothing is forfeited by itself). Pure: the time is passed in.
import type { Match, TournamentState } from './types.js';

/** When the match's clock runs out (ISO time), or null: no clock, not called, or its game started. */
export function noShowDeadline(state: Pick<TournamentState, 'options'>, match: Match): string | null {
  const minutes = state.options.noShowMinutes;
  if (minutes === undefined || match.status !== 'called' || match.calledAt === null) return null;
  return new Date(Date.parse(match.calledAt) + minutes * 60_000).toISOString();
}

/** Whether the match's clock has run out at `now` (a forfeit may be suggested). */
export function noShowDue(state: Pick<TournamentState, 'options'>, match: Match, now: string): boolean {
  const deadline = noShowDeadline(state, match);
  return deadline !== null && Date.parse(now) >= Date.parse(deadline);
}

/** The called matches whose clocks have run out at `now`, in calling order. */
export function noShows(state: TournamentState, now: string): Match[] {
  return state.matches.filter((m) => noShowDue(state, m, now));
}
