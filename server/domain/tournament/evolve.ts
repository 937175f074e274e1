// Folding a tournament's log into its state: one event at a time, or a whole log. Every event after
// the creation moves the version by one. After a result the bracket is worked out again (winners and
// losers move on, byes pass through), then the standings, then whether the tournament is over.
// A tournament night's events (check-in, draws, late teams, forfeits, series, corrections) are
// folded in evolve-night.ts.
import type { TournamentEvent } from './commands.js';
import type { TournamentState } from './types.js';
import { initialState } from './create.js';
import { matchesOf, settleAfter } from './settle.js';
import { ctxOf, settled, withMatch } from './settled.js';
import { bestOfFor } from './night-options.js';
import { evolveNight } from './evolve-night.js';

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
      const live = { ...next, status: 'live' as const, seeds: [...event.seeds] };
      return settled(
        { ...live, matches: matchesOf(event.plan, ctxOf(live, event.at), bestOfFor(state.options)) },
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
      const decided = withMatch(next, event.match, ['ready', 'called', 'live'], (m) => {
        const gameId = event.gameId ?? m.gameId;
        return {
          ...m,
          status: 'done',
          winner: event.winner,
          loser: event.winner === m.home ? m.away : m.home,
          decidedBy: 'game',
          score: { ...event.score },
          gameId,
          finishedAt: event.at,
          games: [...m.games, { gameId, winner: event.winner, score: { ...event.score }, at: event.at }],
        };
      });
      const matches = settleAfter(decided.matches, event.match, ctxOf(decided, event.at));
      return settled({ ...decided, matches }, event.match);
    }
    case 'board_held':
      return { ...next, held: [...state.held, event.board] };
    case 'board_released':
      return { ...next, held: state.held.filter((b) => b !== event.board) };
    default:
      return evolveNight(next, event);
  }
}
