// The vocabulary of a tournament's state: teams, options, the draw, matches, standings; what every
// page shows. Pure data; commands and events are in commands.ts, the rules beside them.
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
