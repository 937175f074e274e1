// What may be asked of a tournament (commands), what its log keeps (events) and how a refusal
// reads. Pure data, like the state beside it in types.ts.
import type { PresetName } from '../presets.js';
import type { Format, MatchPlan, PlayerEntry, Score, Side, TeamEntry, TournamentOptions } from './types.js';

// ---- commands -------------------------------------------------------------------------------

export interface CreateCommand {
  type: 'create';
  id: string;
  name: string;
  format: Format;
  teams: TeamEntry[];
  boards: number[];
  preset: PresetName;
  options: Partial<TournamentOptions> & { seed: number };
  /** With `options.draw`: the players whose teams are drawn (then `teams` is empty). */
  players?: PlayerEntry[];
}

/** A tournament night's commands (see night.ts): check-in, late entries, withdrawals, forfeits, corrections. */
export type NightCommand =
  /** Before the start: a team (or, where teams are drawn, a player) is here; check_out undoes it. */
  | { type: 'check_in'; entrant: string }
  | { type: 'check_out'; entrant: string }
  /** A team entered before the start, or late into an open slot (a bye not played through yet). */
  | { type: 'enter_team'; team: TeamEntry }
  /** A player entered where teams are drawn: before the start, or (switch partners) for the next round. */
  | { type: 'enter_player'; player: PlayerEntry }
  /** The team's remaining matches are forfeited to their opponents. */
  | { type: 'withdraw'; team: string }
  /** Switch partners: the player's match of this round is forfeited; no later round draws them. */
  | { type: 'withdraw_player'; player: string }
  /** The organiser confirms a no-show: `winner` takes the match. */
  | { type: 'forfeit'; match: string; winner: string }
  /** A forfeit taken back while nothing it decided has been played on. */
  | { type: 'undo_forfeit'; match: string }
  /** A played result put right; `by` names who did it. `score` defaults to the old one, sides swapped. */
  | { type: 'correct_result'; match: string; winner: string; score?: Score; by: string };
export type Command =
  | CreateCommand
  /** `dropUnchecked`: with check-in in use, start without those not checked in (else refused). */
  | { type: 'start'; dropUnchecked?: boolean }
  /** Call ready matches to the free boards now (what autoCall does after every change). */
  | { type: 'call' }
  | { type: 'call_match'; match: string; board: number }
  | { type: 'reassign'; match: string; board: number }
  | { type: 'hold_board'; board: number }
  | { type: 'release_board'; board: number }
  | { type: 'link_game'; match: string; gameId: string }
  | { type: 'start_match'; match: string }
  | { type: 'record_result'; match: string; winner: string; score: Score; gameId?: string }
  | NightCommand;

// ---- events (the log) -----------------------------------------------------------------------

export type TournamentEvent =
  | {
      type: 'tournament_created';
      id: string;
      name: string;
      format: Format;
      teams: TeamEntry[];
      boards: number[];
      preset: PresetName;
      options: TournamentOptions;
      /** Present where teams are drawn. */
      players?: PlayerEntry[];
      at: string;
    }
  | { type: 'tournament_started'; seeds: string[]; plan: MatchPlan[]; at: string }
  /** `manual`: the organiser chose match and board, not the calling order. */
  | { type: 'match_called'; match: string; board: number; manual: boolean; at: string }
  | { type: 'match_reassigned'; match: string; from: number; board: number; at: string }
  | { type: 'game_linked'; match: string; gameId: string; at: string }
  | { type: 'game_started'; match: string; at: string }
  | { type: 'match_result'; match: string; winner: string; score: Score; gameId: string | null; at: string }
  | { type: 'board_held'; board: number; at: string }
  | { type: 'board_released'; board: number; at: string }
  | NightEvent;

/** A tournament night's events; each carries what a replay needs, so nothing is drawn twice. */
export type NightEvent =
  | { type: 'checked_in'; entrant: string; at: string }
  | { type: 'checked_out'; entrant: string; at: string }
  /** At the start: those not checked in leave the tournament. */
  | { type: 'entrants_dropped'; entrants: string[]; at: string }
  /** Blind draw, at the start: the teams drawn from the players. */
  | { type: 'teams_drawn'; teams: TeamEntry[]; at: string }
  /** Switch partners: one round's teams, who sits it out, and its matches. */
  | {
      type: 'round_drawn';
      round: number;
      teams: TeamEntry[];
      sittingOut: string[];
      plan: MatchPlan[];
      at: string;
    }
  /**
   * A team entered: before the start (`slot` null, no plan), into a bye of an elimination (`slot`,
   * `voids`: the matches worked out again), or into the free seat of a round robin or pool (`plan`).
   */
  | {
      type: 'team_entered';
      team: TeamEntry;
      slot: { match: string; side: Side } | null;
      plan: MatchPlan[];
      voids: string[];
      at: string;
    }
  | { type: 'player_entered'; player: PlayerEntry; at: string }
  | { type: 'team_withdrawn'; team: string; at: string }
  /** `team`: the player's team of the round under way (withdrawn with them), if any. */
  | { type: 'player_withdrawn'; player: string; team: string | null; at: string }
  | { type: 'match_forfeited'; match: string; winner: string; at: string }
  | { type: 'forfeit_undone'; match: string; voids: string[]; at: string }
  /** One game of a series (bestOf > 1); the series is decided when a team has won enough. */
  | { type: 'game_result'; match: string; winner: string; score: Score; gameId: string | null; at: string }
  | {
      type: 'result_corrected';
      match: string;
      winner: string;
      score: Score | null;
      by: string;
      /** The matches reset by it: downstream of the corrected one, their teams or results depending on it. */
      voids: string[];
      at: string;
    };

export type TournamentCreated = Extract<TournamentEvent, { type: 'tournament_created' }>;

// ---- refusals -------------------------------------------------------------------------------

/** Refusals of what was sent (an API answers them 400): nothing about the tournament's state. */
export const INPUT_CODES = [
  'bad_name',
  'bad_format',
  'too_few_teams',
  'too_many_teams',
  'bad_team',
  'duplicate_team',
  'no_boards',
  'bad_board',
  'duplicate_board',
  'bad_preset',
  'bad_seed',
  'bad_options',
  'bad_stats',
  'bad_score',
  'bad_pools',
  'bad_players',
  'duplicate_player',
  'bad_best_of',
  'bad_by',
] as const;
export type InputCode = (typeof INPUT_CODES)[number];

/** Refusals because of the tournament's state (an API answers them 409 with the state). */
export type ConflictCode =
  | 'version_conflict'
  | 'not_found'
  | 'already_exists'
  | 'already_started'
  | 'not_started'
  | 'tournament_final'
  | 'unknown_match'
  | 'unknown_board'
  | 'match_not_ready'
  | 'match_not_called'
  | 'match_live'
  | 'match_done'
  | 'board_busy'
  | 'board_held'
  | 'board_not_held'
  | 'team_busy'
  | 'nothing_to_call'
  | 'already_linked'
  | 'wrong_game'
  | 'not_in_match'
  // A tournament night's:
  | 'unchecked_entrants'
  | 'too_few_checked_in'
  | 'unknown_entrant'
  | 'already_checked_in'
  | 'not_checked_in'
  | 'no_open_slot'
  | 'not_a_draw'
  | 'draw_tournament'
  | 'unknown_team'
  | 'unknown_player'
  | 'already_withdrawn'
  | 'not_played'
  | 'same_result'
  | 'not_forfeited'
  | 'played_on'
  | 'cannot_draw'
  | 'pools_do_not_fit';

export type RefusalCode = InputCode | ConflictCode;

export type Decision =
  { ok: true; events: TournamentEvent[] } | { ok: false; code: RefusalCode; message: string };

/** What a write knows besides the command: its time, and the version the writer saw. */
export interface DecideContext {
  at: string;
  expectedVersion?: number;
  /** Boards the venue uses for something else now (a game outside the tournament): never called to. */
  occupied?: readonly number[];
}
