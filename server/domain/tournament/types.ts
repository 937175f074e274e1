// The vocabulary of a tournament: what the organiser (and a finished game) may ask for, what the log
// keeps and what every page shows. Pure data; the rules live beside it.
import type { PresetName } from '../presets.js';

export type Format = 'single' | 'double' | 'round-robin';
export type Seeding = 'entered' | 'random' | 'stats';
export type Side = 'home' | 'away';

export interface TeamEntry {
  id: string;
  name: string;
  /** Zero, one or two player names. */
  players: string[];
}

export interface TournamentOptions {
  /** How seeds are given: in the order entered, shuffled with `seed`, or by `stats` (higher first). */
  seeding: Seeding;
  /** A uint32 the caller draws; every random choice of this tournament comes from it. */
  seed: number;
  /** Per team id, a number the caller computed from past games (higher is stronger); for `stats`. */
  stats: Record<string, number> | null;
  /** Double elimination: a true second final when the losers' bracket champion wins the first. */
  reset: boolean;
  /** Round robin: every pair meets twice (home and away swapped) instead of once. */
  twice: boolean;
  /** Ready matches go to free boards by themselves after every change (else only on `call`). */
  autoCall: boolean;
}

/** Where a side of a match comes from. */
export type Source =
  | { kind: 'team'; team: string }
  | { kind: 'bye' }
  | { kind: 'winner'; match: string }
  | { kind: 'loser'; match: string };

/** One match of the draw as fixed at start; the log keeps it, so a replay never re-draws. */
export interface MatchPlan {
  id: string;
  /** "winners", "losers", "final", or a pool's name ("A"). */
  bracket: string;
  /** The round within its bracket, from 1. */
  round: number;
  /** The match's number within its round, from 1. */
  order: number;
  /** The earliest wave it can be played in: 1 + the deepest match it waits for (seeded: 1). */
  depth: number;
  home: Source;
  away: Source;
  /** A bracket reset: played only when the away side (losers' champion) wins this other final. */
  resetOf: string | null;
}

export type MatchStatus = 'pending' | 'ready' | 'called' | 'live' | 'done';
/** How a done match was decided: a game, a bye (an empty side), or not needed (an unplayed reset). */
export type DecidedBy = 'game' | 'bye' | 'unneeded';

export interface Score {
  home: number;
  away: number;
}

export interface Match extends Omit<MatchPlan, 'home' | 'away'> {
  from: { home: Source; away: Source };
  /** The matches its winner and its loser go to (null: nowhere, e.g. out of the tournament). */
  winnerTo: string | null;
  loserTo: string | null;
  /** Team ids; null while the slot waits for an earlier match, or for good when it is a bye. */
  home: string | null;
  away: string | null;
  /** The side will never hold a team (a bye). */
  bye: { home: boolean; away: boolean };
  status: MatchStatus;
  /** The board it was called to (kept once done: where it was played). */
  board: number | null;
  gameId: string | null;
  winner: string | null;
  loser: string | null;
  decidedBy: DecidedBy | null;
  score: Score | null;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Standing {
  team: string;
  /** Final placing (ties share it); null until it is settled. */
  place: number | null;
  played: number;
  wins: number;
  losses: number;
  pointsFor: number;
  pointsAgainst: number;
  diff: number;
  /** Elimination formats: out of the tournament. */
  eliminated: boolean;
}

export type TournamentStatus = 'setup' | 'live' | 'final';

export interface TournamentState {
  id: string;
  /** The number of events after the creation: every accepted change moves it by one. */
  version: number;
  name: string;
  format: Format;
  status: TournamentStatus;
  teams: TeamEntry[];
  /** Team ids, best seed first; empty until the start. */
  seeds: string[];
  /** The tournament's boards, in the order they are filled. */
  boards: number[];
  /** Boards the organiser holds: nothing is called to them by itself. */
  held: number[];
  preset: PresetName;
  options: TournamentOptions;
  matches: Match[];
  /** Best first. */
  standings: Standing[];
  champion: string | null;
  createdAt: string;
  updatedAt: string;
}

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
}
