// The vocabulary of a tournament's state: teams, options, the draw, matches, standings; what every
// page shows. Pure data; commands and events are in commands.ts, the rules beside them.
import type { PresetName } from '../presets.js';

/** `pools`: round robin in pools, then a single elimination of the top of each pool. */
export type Format = 'single' | 'double' | 'round-robin' | 'pools';
export type Seeding = 'entered' | 'random' | 'stats';
export type Side = 'home' | 'away';

export interface TeamEntry {
  id: string;
  name: string;
  /** Zero, one or two player names. */
  players: string[];
  /** A team drawn from players (blind draw, switch partners): their player ids, as `players` names them. */
  members?: string[];
}

/** One player of a tournament whose teams are drawn (`draw`): `tier` A or B, or none for all. */
export interface PlayerEntry {
  id: string;
  name: string;
  tier: 'A' | 'B' | null;
}

/** `blind`: teams of two drawn once at the start; `switch`: new partners drawn every round. */
export type Draw = 'blind' | 'switch';

export interface PoolOptions {
  /** The most teams in a pool (pools differ by one team at most). */
  size: number;
  /** How many of each pool go on to the single elimination. */
  advance: number;
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
  // Below: a tournament night's options, absent unless given (see night-options.ts).
  /** Format `pools`: the pools' size and how many of each go on. */
  pools?: PoolOptions;
  /** Teams drawn from `players` instead of entered. */
  draw?: Draw;
  /** Switch partners: how many rounds are drawn. */
  rounds?: number;
  /** Best-of-N series per bracket name ("winners", "losers", "final", a pool's name) or "all". */
  bestOf?: Record<string, number>;
  /** Minutes a called match may wait for its game to start before a forfeit is suggested. */
  noShowMinutes?: number;
}

/** Where a side of a match comes from. */
export type Source =
  | { kind: 'team'; team: string }
  | { kind: 'bye' }
  | { kind: 'winner'; match: string }
  | { kind: 'loser'; match: string }
  /** The team placed `place` (from 1) in pool `pool` once all its matches are decided (no one match). */
  | { kind: 'placing'; pool: string; place: number; match?: never };

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
/**
 * How a done match was decided: a game, a bye (an empty side), not needed (an unplayed reset), or a
 * forfeit (a no-show the organiser confirmed, or a withdrawn team).
 */
export type DecidedBy = 'game' | 'bye' | 'unneeded' | 'forfeit';

export interface Score {
  home: number;
  away: number;
}

/** One game of a match: a best-of-1 match has one, a series one per game played. */
export interface MatchGame {
  gameId: string | null;
  winner: string;
  score: Score;
  at: string;
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
  /** A best-of-N series (1: a single game); done once a team has won more than half of N. */
  bestOf: number;
  /** The games played, in order (a series stays open until one team has won enough). */
  games: MatchGame[];
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

/** A pool's table: its teams in seed order and its standings (round-robin tie-breaks), best first. */
export interface Pool {
  name: string;
  teams: string[];
  standings: Standing[];
  /** Every match of the pool is decided: its placings are final. */
  done: boolean;
}

/** A player's standing where teams are drawn (standings per player). */
export interface PlayerStanding extends Omit<Standing, 'team' | 'eliminated'> {
  player: string;
  /** Rounds sat out (switch partners). */
  satOut: number;
}

/** A corrected result: who changed which match from what to what, and the matches it reset. */
export interface Correction {
  match: string;
  by: string;
  at: string;
  before: { winner: string | null; score: Score | null };
  after: { winner: string; score: Score | null };
  voids: string[];
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
  // A tournament night's additions.
  /** Players whose teams are drawn (`options.draw`); empty when teams are entered. */
  players: PlayerEntry[];
  /** Team ids (or player ids, where teams are drawn) checked in before the start. */
  checkedIn: string[];
  /** Teams withdrawn: their remaining matches are forfeited to their opponents. */
  withdrawn: string[];
  /** Switch partners: players withdrawn, drawn into no further round. */
  playersOut: string[];
  /** Switch partners: the rounds drawn so far and who sat each out. */
  roundsDrawn: { round: number; sittingOut: string[] }[];
  /** Format `pools`: each pool's table, in pool order. */
  pools: Pool[];
  /** Where teams are drawn: standings per player, best first. */
  playerStandings: PlayerStanding[];
  /** Every corrected result, oldest first. */
  corrections: Correction[];
}
