// The games service's public shapes: what the routes pass in and what listings hand back.
import type { GameState, Rules, Side, TeamInput } from '../domain/index.js';
import type { KeyedRequest } from './idempotency.js';

export interface WriteOptions {
  expectedVersion?: number;
  /** The request behind an Idempotency-Key: its answer is kept, and given again to a retry. */
  request?: KeyedRequest;
}

/** A team as the API receives it: players may be left out (a TeamInput fits too). */
export type NewTeam = Omit<TeamInput, 'players'> & { players?: string[] };

export interface NewGameInput {
  home: NewTeam;
  away: NewTeam;
  board?: number | null;
  rules?: Partial<Rules>;
  firstThrow?: Side;
}

export interface GameSummary {
  id: string;
  board: number | null;
  status: 'live' | 'final';
  version: number;
  home: { name: string; score: number };
  away: { name: string; score: number };
  createdAt: string;
  startedAt: string | null;
}

export interface BoardView {
  number: number;
  current: GameState | null;
  queue: Array<{ id: string; home: { name: string }; away: { name: string } }>;
  lastFinished: GameState | null;
}

/**
 * What the venue's read surfaces ask of the games: the primary's games service answers from its
 * database, a relay's read model from what the primary published (server/relay/).
 */
export interface VenueReads {
  get(gameId: string): GameState | null;
  list(): GameSummary[];
  isRemoved(gameId: string): boolean;
  retiredBy(gameId: string): { id: string; name: string } | null;
  friendlies(): GameState[];
  results(): GameResult[];
  boards(): BoardView[];
  boardCount(): number;
  venueSeq(): number;
}

export interface GamesOptions {
  dataDir: string;
  now?: () => Date;
  newId?: () => string;
  newTournamentId?: () => string;
}

/** A finished game as the results table shows it: the state, and when it started and ended. */
export interface GameResult {
  state: GameState;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A game the organiser removed, as the "Removed tonight" list shows it. */
export interface RemovedGame {
  id: string;
  board: number | null;
  status: 'live' | 'final';
  home: { name: string; score: number };
  away: { name: string; score: number };
  removedAt: string;
}
