// Folding a tournament's log into its state: one event at a time, or a whole log. Every event after
// the creation moves the version by one. After a result the bracket is worked out again (winners and
// losers move on, byes pass through), then the standings, then whether the tournament is over.
import type { TournamentEvent } from './commands.js';
import type { Match, TournamentState } from './types.js';
import { assertNever } from '../rules.js';
import { initialState } from './create.js';
import { matchesOf, settleAfter } from './settle.js';
import { standingsAfter, standingsOf } from './standings.js';

export function replay(events: readonly TournamentEvent[]): TournamentState {
  const [first, ...rest] = events;
  if (first === undefined || first.type !== 'tournament_created') {
    throw new Error('A tournament log must start with tournament_created.');
  }
  return rest.reduce(evolve, initialState(first));
}

/** Applies one accepted event. Throws on events decide() would never have produced. */
export function evolve(state: TournamentState, event: TournamentEvent): TournamentState {
  const next = { ...state, version: state.version + 1, updatedAt: event.at };
  switch (event.type) {
    case 'tournament_created':
      throw new Error('tournament_created starts a log; use replay() for it.');
    case 'tournament_started': {
      if (state.status !== 'setup') throw new Error('The tournament has started already.');
      return settled(
        { ...next, status: 'live', seeds: [...event.seeds], matches: matchesOf(event.plan) },
        null,
      );
    }
    case 'match_called':
      return withMatch(next, event.match, ['ready'], (m) => ({
        ...m,
        board: event.board,
        status: 'called',
        calledAt: event.at,
      }));
    case 'match_reassigned':
      return withMatch(next, event.match, ['called'], (m) => ({ ...m, board: event.board }));
    case 'game_linked':
      return withMatch(next, event.match, ['called', 'live'], (m) => ({ ...m, gameId: event.gameId }));
    case 'game_started':
      return withMatch(next, event.match, ['called'], (m) => ({ ...m, status: 'live', startedAt: event.at }));
    case 'match_result': {
      const decided = withMatch(next, event.match, ['ready', 'called', 'live'], (m) => ({
        ...m,
        status: 'done',
        winner: event.winner,
        loser: event.winner === m.home ? m.away : m.home,
        decidedBy: 'game',
        score: { ...event.score },
        gameId: event.gameId ?? m.gameId,
        finishedAt: event.at,
      }));
      return settled({ ...decided, matches: settleAfter(decided.matches, event.match) }, event.match);
    }
    case 'board_held':
      return { ...next, held: [...state.held, event.board] };
    case 'board_released':
      return { ...next, held: state.held.filter((b) => b !== event.board) };
    default:
      return assertNever(event);
  }
}

function withMatch(
  state: TournamentState,
  id: string,
  from: readonly Match['status'][],
  change: (m: Match) => Match,
): TournamentState {
  const index = state.matches.findIndex((m) => m.id === id);
  const match = state.matches[index];
  if (match === undefined) throw new Error(`No match ${id}.`);
  if (!from.includes(match.status)) throw new Error(`Match ${id} is ${match.status}.`);
  const matches = [...state.matches];
  matches[index] = change(match);
  return { ...state, matches };
}

/** With the bracket worked out again: the status, the champion and the standings. */
function settled(state: TournamentState, played: string | null): TournamentState {
  const over = state.matches.every((m) => m.status === 'done');
  const status = over ? ('final' as const) : state.status;
  const base = { ...state, status, champion: over ? eliminationChampion(state) : null };
  const match = played === null ? undefined : base.matches.find((m) => m.id === played);
  const standings = match === undefined ? standingsOf(base) : standingsAfter(base, state.standings, match);
  // A round robin's champion heads its table (its standings do not depend on the champion).
  const champion = over && state.format === 'round-robin' ? (standings[0]?.team ?? null) : base.champion;
  return { ...base, champion, standings };
}

function eliminationChampion(state: TournamentState): string | null {
  if (state.format === 'round-robin') return null;
  // The last final actually played: the reset if it was needed, else the one before.
  const finals = state.matches.filter((m) => m.decidedBy === 'game' || m.decidedBy === 'bye');
  return finals[finals.length - 1]?.winner ?? null;
}
