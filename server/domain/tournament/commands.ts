// What may be asked of a tournament (commands), what its log keeps (events) and how a refusal
// reads. Pure data, like the state beside it in types.ts.
import type { PresetName } from '../presets.js';
import type { Format, MatchPlan, Score, TeamEntry, TournamentOptions } from './types.js';

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
}

export type Command =
  | CreateCommand
  | { type: 'start' }
  /** Call ready matches to the free boards now (what autoCall does after every change). */
  | { type: 'call' }
  | { type: 'call_match'; match: string; board: number }
  | { type: 'reassign'; match: string; board: number }
  | { type: 'hold_board'; board: number }
  | { type: 'release_board'; board: number }
  | { type: 'link_game'; match: string; gameId: string }
  | { type: 'start_match'; match: string }
  | { type: 'record_result'; match: string; winner: string; score: Score; gameId?: string };

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
  | { type: 'board_released'; board: number; at: string };

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
  | 'not_in_match';

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
