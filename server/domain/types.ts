// The vocabulary of a cornhole game: what a keeper may ask for (commands), what the log keeps
// (events) and what everyone sees (state). Pure data, shared by every room of the house.

export type Side = 'home' | 'away';
export const SIDES: readonly Side[] = ['home', 'away'];
export type BagResult = 'hole' | 'board' | 'miss';
export const BAGS_PER_ROUND = 4;

/** Who throws first in the round after a wash: the same side again (ACO) or the other side. */
export type WashOrder = 'same' | 'alternate';

export interface Rules {
  /** Score that wins ("target or more" unless bust is set). */
  target: number;
  /** Cancellation scoring (only the difference counts) or straight scoring (both keep their points). */
  cancellation: boolean;
  /** null, or the score a side drops back to when it passes the target. */
  bust: number | null;
  /** null, or the score that wins at once while the other side has 0. */
  skunk: number | null;
  /** 1 normally; 2 for "win by two". */
  winBy: number;
  washOrder: WashOrder;
}

export interface TeamInput {
  name: string;
  /** One (singles) or two (doubles) player names; empty when not named. */
  players: string[];
}

export interface RoundCount {
  hole: number;
  board: number;
}

// ---- commands -------------------------------------------------------------------------------

/** What a game edit may change: the team names and the board (`null`: a friendly game on no board). */
export interface GameEdit {
  home?: string;
  away?: string;
  board?: number | null;
}

export type Command =
  | { type: 'throw'; side: Side; result: BagResult }
  | { type: 'round'; home: RoundCount; away: RoundCount }
  | { type: 'undo' }
  | ({ type: 'edit' } & GameEdit);

/**
 * A tournament's match played as this game: which tournament and match, and how people call them
 * ("Friday Cup", "Semi-final 2"). Set when the game is created for the match; never changes.
 */
export interface MatchLink {
  tournament: { id: string; name: string };
  match: { id: string; label: string };
}

// ---- events (the log) -----------------------------------------------------------------------

/** Every event but `game_created` is an accepted write and moves the version by one. */
export type GameEvent =
  | {
      type: 'game_created';
      id: string;
      board: number | null;
      home: TeamInput;
      away: TeamInput;
      rules: Rules;
      /** Which side throws first in round 1. */
      firstThrow: Side;
      /** Absent on games outside a tournament. */
      link?: MatchLink;
      at: string;
    }
  | { type: 'bag_thrown'; side: Side; result: BagResult; at: string }
  | { type: 'round_entered'; home: RoundCount; away: RoundCount; at: string }
  | { type: 'undone'; at: string }
  /** A fix of the names or a move to another board; only the fields that changed are recorded. */
  | ({ type: 'game_edited'; at: string } & GameEdit);

// ---- state ----------------------------------------------------------------------------------

export interface BagCounts {
  hole: number;
  board: number;
  miss: number;
}

export interface ClosedRoundSide extends BagCounts {
  /** Points thrown this round, before cancellation. */
  points: number;
}

export interface ClosedRound {
  number: number;
  home: ClosedRoundSide;
  away: ClosedRoundSide;
  /** The side that threw more points this round, or null for a wash (equal points). */
  scored: Side | null;
  /**
   * The round's margin. Cancellation: the points added to the scoring side's total (before bust).
   * Straight scoring: each side adds its own `points`; `net` is still the margin between them.
   */
  net: number;
  /** Totals after this round (after bust). */
  homeScore: number;
  awayScore: number;
  /** Which side threw first in this round. */
  firstThrow: Side;
}

/** Shooting statistics over closed rounds only (an open round counts once it closes). */
export interface SideStats {
  rounds: number;
  bags: number;
  /** Points thrown, before cancellation (ppr = points / rounds). */
  points: number;
  /** Bags in the hole. */
  hole: number;
  /** Bags on the board (not in the hole). */
  board: number;
  /** Points per round, before cancellation, rounded to 2 decimals. */
  ppr: number;
  /** Share of bags in the hole, 0..1, rounded to 3 decimals. */
  inHole: number;
  /** Share of bags on the board (not in the hole), 0..1, rounded to 3 decimals. */
  onBoard: number;
  fourBaggers: number;
}

export interface PlayerStats extends SideStats {
  name: string;
}

export interface TeamState {
  name: string;
  players: string[];
  score: number;
  stats: SideStats;
  playerStats: PlayerStats[];
}

/**
 * Where a game that has not started waits: its board, its place in that board's line (1 is next) and
 * the game the board is playing now (null when the board is free). The rules know nothing of boards
 * and queues: the games service fills this in from the venue; a state made here always has null.
 */
export interface QueueSpot {
  board: number;
  position: number;
  playing: { home: string; away: string } | null;
}

export interface GameState {
  id: string;
  /** Number of accepted writes (bags, rounds, undos, edits). */
  version: number;
  status: 'live' | 'final';
  board: number | null;
  rules: Rules;
  home: TeamState;
  away: TeamState;
  /** The round being thrown now. */
  round: { number: number; firstThrow: Side; home: BagCounts; away: BagCounts };
  rounds: ClosedRound[];
  winner: Side | null;
  /** null once the game is on its board (or on none); see QueueSpot. */
  queue: QueueSpot | null;
  /** The tournament this game is a match of (CONTRACT.md "Tournaments"), else null. */
  tournament: MatchLink['tournament'] | null;
  match: MatchLink['match'] | null;
  createdAt: string;
  updatedAt: string;
}

/** What a game stream's `state` event carries: the state without the round history. */
export type LiveState = Omit<GameState, 'rounds'>;

export type RefusalCode = 'game_final' | 'no_bags_left' | 'nothing_to_undo' | 'round_in_progress';

export type Decision = { ok: true; events: GameEvent[] } | { ok: false; code: RefusalCode; message: string };
