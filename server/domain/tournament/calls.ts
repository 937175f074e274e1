// Board calling as pure functions. The free boards are the tournament's boards, in their order,
// less held boards and boards with a called or live match. Ready matches are called in this order:
// earliest wave (depth) first; at equal depth winners' bracket (and pools) before losers' bracket
// before the final; then by round and match number. A team is never on two boards at once: a
// match with a team already called elsewhere waits, and the next one in the order goes instead.
import type { Match, MatchPlan, TournamentState } from './types.js';

export interface Call {
  match: string;
  board: number;
}

const bracketRank = (bracket: string): number => (bracket === 'losers' ? 1 : bracket === 'final' ? 2 : 0);

type Ordered = Pick<MatchPlan, 'id' | 'bracket' | 'round' | 'order' | 'depth'>;

export function callOrder(a: Ordered, b: Ordered): number {
  return (
    a.depth - b.depth ||
    bracketRank(a.bracket) - bracketRank(b.bracket) ||
    a.round - b.round ||
    a.order - b.order ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export const onBoard = (m: Match): boolean => m.status === 'called' || m.status === 'live';

export function busyBoards(state: TournamentState): Set<number> {
  return new Set(state.matches.filter(onBoard).map((m) => m.board ?? Number.NaN));
}

/** Teams in a called or live match. */
export function busyTeams(state: TournamentState): Set<string> {
  const busy = new Set<string>();
  for (const m of state.matches) {
    if (!onBoard(m)) continue;
    if (m.home !== null) busy.add(m.home);
    if (m.away !== null) busy.add(m.away);
  }
  return busy;
}

/**
 * The tournament's boards with nothing on them, in order. `occupied`: boards the venue is using for
 * something else now (a game outside the tournament); the caller knows, the domain does not.
 */
export function freeBoards(
  state: TournamentState,
  occupied: readonly number[] = [],
  busy = busyBoards(state),
): number[] {
  return state.boards.filter((b) => !busy.has(b) && !state.held.includes(b) && !occupied.includes(b));
}

/** Ready matches in calling order (whether or not their teams are free); matches are kept in it. */
export function readyMatches(state: TournamentState): Match[] {
  return state.matches.filter((m) => m.status === 'ready');
}

/** What to call now: the i-th callable match to the i-th free board. */
export function nextCalls(state: TournamentState, occupied: readonly number[] = []): Call[] {
  if (state.status !== 'live') return [];
  const boards = freeBoards(state, occupied);
  if (boards.length === 0) return [];
  const busy = busyTeams(state);
  const calls: Call[] = [];
  for (const match of state.matches) {
    if (match.status !== 'ready') continue;
    const board = boards[calls.length];
    if (board === undefined) break;
    if (match.home === null || match.away === null) continue;
    if (busy.has(match.home) || busy.has(match.away)) continue;
    busy.add(match.home).add(match.away);
    calls.push({ match: match.id, board });
  }
  return calls;
}
