// How a tournament reads to people: format and status names, round titles ("Quarter-finals",
// "Losers' round 2", "Reset final"), a match's status ("Up next", "Live on board 3"), the name or the
// placeholder of each side ("Winner of W1-2", "Bye"). How long ago a match was called is said in the
// words of the browser's clock island, which keeps them current: `ago` comes from there.
import type {
  Format,
  Match,
  Source,
  TournamentState,
  TournamentStatus,
} from '../../domain/tournament/index.js';

export { ago } from '../../../renderer/islands/connection.js';

export const FORMAT_NAMES: Readonly<Record<Format, string>> = {
  single: 'Single elimination',
  double: 'Double elimination',
  'round-robin': 'Round robin',
  pools: 'Pools, then a knockout',
};

export const STATUS_NAMES: Readonly<Record<TournamentStatus, string>> = {
  setup: 'Not started',
  live: 'Live',
  final: 'Finished',
};

/** Team names by id, looked up once per render. */
export type Names = ReadonlyMap<string, string>;

export function namesOf(state: Pick<TournamentState, 'teams'>): Names {
  return new Map(state.teams.map((t) => [t.id, t.name]));
}

export const nameOf = (names: Names, team: string | null): string =>
  team === null ? '' : (names.get(team) ?? team);

/** "Hole Patrol vs Sack Attack", a side not known yet "to be decided". */
export const versus = (m: Pick<Match, 'home' | 'away'>, names: Names): string =>
  `${nameOf(names, m.home) || 'to be decided'} vs ${nameOf(names, m.away) || 'to be decided'}`;

export { lastRound, roundTitle } from '../../domain/tournament/index.js';

/** A match's status in a few words, as the bracket and the calls show it. */
export function statusText(m: Match): string {
  switch (m.status) {
    case 'pending':
      return m.resetOf === null ? 'Waiting' : 'Only if needed';
    case 'ready':
      return 'Up next';
    case 'called':
      return `Board ${String(m.board)}`;
    case 'live':
      return `Live on board ${String(m.board)}`;
    case 'done':
      if (m.decidedBy === 'forfeit') return 'Forfeit';
      return m.decidedBy === 'bye' ? 'Bye' : m.decidedBy === 'unneeded' ? 'Not needed' : 'Final';
  }
}

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

/** What an empty side is waiting for: "Winner of W1-2", "Loser of W2-1", or a bye. */
export function placeholder(source: Source, bye: boolean): string {
  if (bye || source.kind === 'bye') return 'Bye';
  if (source.kind === 'winner') return `Winner of ${source.match}`;
  if (source.kind === 'loser') return `Loser of ${source.match}`;
  if (source.kind === 'placing') return `Pool ${source.pool}, ${ordinal(source.place)}`;
  return 'To be decided';
}

/** A match with no team at all (two byes met): nothing to show but its place in the bracket. */
export const isVoid = (m: Match): boolean => m.decidedBy === 'bye' && m.home === null && m.away === null;

/**
 * A reset final is shown while it may still be played, and once it was; an unneeded one (the
 * winners' champion won the grand final) disappears.
 */
export const isShown = (m: Match): boolean => m.decidedBy !== 'unneeded';
