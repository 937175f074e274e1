// What a command turns into: the events to record, or a refusal with a code and a sentence. Pure:
// the time and the version the writer saw come in the context. When autoCall is on, every change
// that can free a board or ready a match also calls the next ready matches to the free boards.
import type { Command, DecideContext, Decision, TournamentEvent } from './commands.js';
import type { Match, TournamentState } from './types.js';
import { assertNever } from '../rules.js';
import { decideCreate } from './create.js';
import { busyBoards, busyTeams } from './calls.js';
import { accept, callEvents, refuse, withCalls } from './outcome.js';
import { decideNight, decideStart } from './night.js';
import { decideCorrection } from './correction.js';
import { goodScore } from './score.js';

export function decide(command: Command, state: TournamentState | null, ctx: DecideContext): Decision {
  const { at } = ctx;
  if (command.type === 'create') {
    if (state !== null) return refuse('already_exists', `Tournament ${state.id} exists already.`);
    return decideCreate(command, at);
  }
  if (state === null) return refuse('not_found', 'There is no such tournament.');
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== state.version) {
    return refuse(
      'version_conflict',
      `The tournament has moved on to version ${state.version} (this change was based on ${ctx.expectedVersion}); look again and retry.`,
    );
  }
  // A wrong result is put right also once the tournament is over (its final is played again).
  if (command.type === 'correct_result') return decideCorrection(command, state, ctx);
  if (state.status === 'final') return refuse('tournament_final', 'The tournament is over.');
  switch (command.type) {
    case 'start':
      if (state.status !== 'setup') return refuse('already_started', 'The tournament has started already.');
      return decideStart(command, state, ctx);
    case 'hold_board': {
      if (!state.boards.includes(command.board)) return unknownBoard(command.board);
      if (state.held.includes(command.board)) {
        return refuse('board_held', `Board ${command.board} is held already.`);
      }
      return accept({ type: 'board_held', board: command.board, at });
    }
    case 'release_board': {
      if (!state.held.includes(command.board)) {
        return refuse('board_not_held', `Board ${command.board} is not held.`);
      }
      return withCalls(state, [{ type: 'board_released', board: command.board, at }], ctx);
    }
    case 'check_in':
    case 'check_out':
    case 'enter_team':
    case 'enter_player':
    case 'withdraw':
    case 'withdraw_player':
    case 'forfeit':
    case 'undo_forfeit':
      return decideNight(command, state, ctx);
    default:
      if (state.status === 'setup') return refuse('not_started', 'The tournament has not started yet.');
      return decideLive(command, state, ctx);
  }
}

type LiveCommand = Extract<
  Command,
  { type: 'call' | 'call_match' | 'reassign' | 'link_game' | 'start_match' | 'record_result' }
>;

function decideLive(command: LiveCommand, state: TournamentState, ctx: DecideContext): Decision {
  const { at } = ctx;
  if (command.type === 'call') {
    const events = callEvents(state, ctx);
    return events.length > 0
      ? accept(...events)
      : refuse('nothing_to_call', 'No ready match has a free board.');
  }
  const match = state.matches.find((m) => m.id === command.match);
  if (match === undefined) return refuse('unknown_match', `There is no match ${command.match}.`);
  if (match.status === 'done') return refuse('match_done', `Match ${match.id} is decided.`);
  switch (command.type) {
    case 'call_match': {
      if (match.status !== 'ready') return notReady(match);
      const board = boardProblem(state, command.board, ctx);
      if (board !== null) return board;
      const busy = busyTeams(state);
      if (busy.has(match.home ?? '') || busy.has(match.away ?? '')) {
        return refuse('team_busy', `A team of match ${match.id} is playing on another board.`);
      }
      return accept({ type: 'match_called', match: match.id, board: command.board, manual: true, at });
    }
    case 'reassign': {
      if (match.status !== 'called' || match.board === null) return notCalled(match);
      const board = boardProblem(state, command.board, ctx);
      if (board !== null) return board;
      const event: TournamentEvent = {
        type: 'match_reassigned',
        match: match.id,
        from: match.board,
        board: command.board,
        at,
      };
      return withCalls(state, [event], ctx);
    }
    case 'link_game': {
      if (match.status !== 'called' && match.status !== 'live') return notCalled(match);
      if (match.gameId !== null)
        return refuse('already_linked', `Match ${match.id} is game ${match.gameId}.`);
      return accept({ type: 'game_linked', match: match.id, gameId: command.gameId, at });
    }
    case 'start_match': {
      if (match.status !== 'called') return notCalled(match);
      return accept({ type: 'game_started', match: match.id, at });
    }
    case 'record_result': {
      if (match.status === 'pending' || match.home === null || match.away === null) return notReady(match);
      if (command.winner !== match.home && command.winner !== match.away) {
        return refuse('not_in_match', `The winner does not play in match ${match.id}.`);
      }
      const gameId = command.gameId ?? null;
      if (gameId !== null && match.gameId !== null && gameId !== match.gameId) {
        return refuse('wrong_game', `Match ${match.id} is played in game ${match.gameId}, not ${gameId}.`);
      }
      const side = command.winner === match.home ? 'home' : 'away';
      if (!goodScore(command.score, side)) {
        return refuse('bad_score', 'Points are whole numbers from 0, and the winner has more.');
      }
      const score = { home: command.score.home, away: command.score.away };
      // A game of a series is one game_result; the series is decided by the game that wins it.
      const type = match.bestOf > 1 ? 'game_result' : 'match_result';
      return withCalls(state, [{ type, match: match.id, winner: command.winner, score, gameId, at }], ctx);
    }
    default:
      return assertNever(command);
  }
}

function boardProblem(state: TournamentState, board: number, ctx: DecideContext): Decision | null {
  if (!state.boards.includes(board)) return unknownBoard(board);
  if (busyBoards(state).has(board)) return refuse('board_busy', `Board ${board} has a match on it.`);
  if (ctx.occupied?.includes(board)) {
    return refuse('board_busy', `Board ${board} has a game outside the tournament on it.`);
  }
  return null;
}

function notReady(match: Match): Decision {
  if (match.status === 'called' || match.status === 'live') {
    return refuse('match_live', `Match ${match.id} is on board ${match.board} already.`);
  }
  return refuse('match_not_ready', `Match ${match.id} still waits for its teams.`);
}

function notCalled(match: Match): Decision {
  if (match.status === 'live') return refuse('match_live', `Match ${match.id} is being played.`);
  return refuse('match_not_called', `Match ${match.id} has not been called to a board.`);
}

const unknownBoard = (board: number): Decision =>
  refuse('unknown_board', `Board ${board} is not one of the tournament's boards.`);
