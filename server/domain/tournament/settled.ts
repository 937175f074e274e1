// What every change to a live tournament's matches ends with: its status (final once every match
// is decided and no round is left to draw; live again when a correction reopens one), its champion,
// its standings, pool tables and standings per player. And the helpers evolving shares.
import type { Match, Pool, TournamentState } from './types.js';
import { standingsAfter, standingsOf, seedIndex } from './standings.js';
import { inPool, poolTables } from './pool-table.js';
import { playerStandingsOf } from './player-standings.js';
import { roundDue } from './switch.js';
import type { SettleContext } from './settle.js';

/** The context working matches out needs: seeds, withdrawn teams, the time of the change. */
export function ctxOf(state: TournamentState, at: string | null): SettleContext {
  let seed: ((team: string) => number) | null = null;
  return {
    // Made on first use: most results never rank a pool.
    seed: (team) => (seed ??= seedIndex(state))(team),
    withdrawn: new Set(state.withdrawn),
    at,
    placings: state.format === 'pools',
  };
}

export function withMatch(
  state: TournamentState,
  id: string,
  from: readonly Match['status'][],
  change: (m: Match) => Match,
): TournamentState {
  const index = state.matches.findIndex((m) => m.id === id);
  const match = state.matches[index];
  if (match === undefined) throw new Error(`No match ${id}.`);
  if (!from.includes(match.status)) throw new Error(`Match ${id} is ${match.status}.`);
  const matches = [...state.matches];
  matches[index] = change(match);
  return { ...state, matches };
}

/**
 * With the bracket worked out again: the status, the champion and the standings. `played`: the one
 * match just decided by a game (its standings are counted onto the ones before), or null (afresh).
 */
export function settled(state: TournamentState, played: string | null): TournamentState {
  const over = state.matches.every((m) => m.status === 'done') && !roundDue(state);
  const status = over ? ('final' as const) : state.status === 'final' ? ('live' as const) : state.status;
  const base = { ...state, status, champion: over ? eliminationChampion(state) : null };
  const pools = poolsAfter(state, base.matches, played);
  // After a withdrawal a result may also decide forfeits further on: count everything afresh.
  const counted = played === null || state.withdrawn.length > 0 ? null : played;
  const match = counted === null ? undefined : base.matches.find((m) => m.id === counted);
  const standings =
    match === undefined || state.format === 'pools'
      ? standingsOf(base, pools)
      : standingsAfter(base, state.standings, match);
  // A round robin's champion heads its table (its standings do not depend on the champion); switch
  // partners has no champion team, its winner heads the standings per player.
  const roundRobin = over && state.format === 'round-robin';
  const champion = roundRobin
    ? state.options.draw === 'switch'
      ? null
      : (standings[0]?.team ?? null)
    : base.champion;
  const next = { ...base, champion, standings, pools };
  // Standings per player only where teams are drawn (one object less on every other result).
  if (state.players.length > 0) next.playerStandings = playerStandingsOf(next);
  return next;
}

/** The pools' tables: after one result only its own pool's is made again. */
function poolsAfter(state: TournamentState, matches: readonly Match[], played: string | null): Pool[] {
  if (state.format !== 'pools') return state.pools;
  const tables = (ms: readonly Match[]) =>
    poolTables(ms, seedIndex(state), state.options.pools?.advance ?? 1);
  const match = played === null ? undefined : matches.find((m) => m.id === played);
  if (match === undefined || state.withdrawn.length > 0 || state.pools.length === 0) return tables(matches);
  if (!inPool(match)) return state.pools;
  const [own] = tables(matches.filter((m) => m.bracket === match.bracket));
  return state.pools.map((p) => (p.name === match.bracket && own !== undefined ? own : p));
}

function eliminationChampion(state: TournamentState): string | null {
  if (state.format === 'round-robin') return null;
  // The last final actually played: the reset if it was needed, else the one before.
  const finals = state.matches.filter(
    (m) => m.decidedBy === 'game' || m.decidedBy === 'bye' || m.decidedBy === 'forfeit',
  );
  return finals[finals.length - 1]?.winner ?? null;
}
