// What a keeper's command turns into: the events to record, or a refusal with a code the API
// answers as 409. Pure: the time of the write is passed in.
import type { Command, Decision, GameEdit, GameEvent, GameState, RefusalCode } from './types.js';
import { assertNever, assertRoundCount, bagsThrown } from './rules.js';
import { bagsLeft } from './game.js';

export function decide(command: Command, state: GameState, at: string): Decision {
  switch (command.type) {
    case 'throw': {
      if (state.status === 'final') return finalRefusal();
      if (bagsLeft(state, command.side) === 0) {
        const team = state[command.side].name;
        return refuse(
          'no_bags_left',
          `${team} has thrown all four bags this round; the other side throws now.`,
        );
      }
      return accept({ type: 'bag_thrown', side: command.side, result: command.result, at });
    }
    case 'round': {
      // Impossible counts are a bug in the caller (the API answers them with 400), not a refusal.
      assertRoundCount(command.home);
      assertRoundCount(command.away);
      if (state.status === 'final') return finalRefusal();
      if (thrownThisRound(state) > 0) {
        return refuse(
          'round_in_progress',
          'This round already has bags: finish it bag by bag, or undo those bags before entering a whole round.',
        );
      }
      return accept({ type: 'round_entered', home: { ...command.home }, away: { ...command.away }, at });
    }
    case 'undo':
      // Every accepted bag or round leaves a bag somewhere (a miss counts), so an empty game has
      // nothing to take back and anything else has. Undo also reopens a final game.
      if (state.rounds.length === 0 && thrownThisRound(state) === 0) {
        return refuse('nothing_to_undo', 'Nothing has been thrown yet, so there is nothing to undo.');
      }
      return accept({ type: 'undone', at });
    case 'edit':
      // The rules allow any fix, also of a finished game; whether a board is free is the venue's
      // question (server/games). Only what actually changes is recorded; nothing, when nothing does.
      return accept(...editEvents(command, state, at));
    default:
      return assertNever(command);
  }
}

function editEvents(edit: GameEdit, state: GameState, at: string): GameEvent[] {
  const changes: GameEdit = {};
  if (edit.home !== undefined && edit.home !== state.home.name) changes.home = edit.home;
  if (edit.away !== undefined && edit.away !== state.away.name) changes.away = edit.away;
  if (edit.board !== undefined && edit.board !== state.board) changes.board = edit.board;
  return Object.keys(changes).length ? [{ type: 'game_edited', ...changes, at }] : [];
}

function thrownThisRound(state: GameState): number {
  return bagsThrown(state.round.home) + bagsThrown(state.round.away);
}

function accept(...events: GameEvent[]): Decision {
  return { ok: true, events };
}

function refuse(code: RefusalCode, message: string): Decision {
  return { ok: false, code, message };
}

function finalRefusal(): Decision {
  return refuse('game_final', 'The game is over; undo the last bag or round to reopen it.');
}
