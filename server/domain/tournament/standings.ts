// Standings, best first. Round robin: the order of ranking.ts (wins, head-to-head among teams level
// on wins, point difference, points for, seed). Elimination: the champion, then the teams still in,
// then the others by how late they went out (ties share a place, e.g. both semi-final losers of a
// single elimination are 3rd); within those, wins, point difference, seed. A place is set once
// every match up to that depth is decided. Pools: the elimination's order for the teams that went
// on, then the others by their place in their pool (ties share a place), wins, difference, seed.
import type { Pool, Standing, TournamentState } from './types.js';
import {
  compareKeys,
  count,
  counts,
  empty,
  roundRobinRanking,
  standing,
  tallyOf,
  type Tally,
} from './ranking.js';
import type { Match } from './types.js';
import { inPool, poolTables } from './pool-table.js';

type Unranked = Omit<TournamentState, 'standings' | 'pools' | 'playerStandings'>;

/** The standings from every played match; `pools`: the pools' tables, when already made. */
export function standingsOf(state: Unranked, pools?: readonly Pool[]): Standing[] {
  const tallies = new Map(state.teams.map((t) => [t.id, empty(t.id)]));
  for (const m of state.matches) if (counts(m)) count(tallies, m);
  return ranked(state, tallies, pools);
}

/** The same from the standings before one more played match: a result costs one pass, not two. */
export function standingsAfter(state: Unranked, before: readonly Standing[], played: Match): Standing[] {
  if (state.format === 'pools') return standingsOf(state);
  const tallies = new Map(before.map((s) => [s.team, tallyOf(s)]));
  count(tallies, played);
  return ranked(state, tallies);
}

/** A team's seed index (entry order before the start), the last tie-break everywhere. */
export function seedIndex(state: Pick<Unranked, 'seeds' | 'teams'>): (team: string) => number {
  const seeds = state.seeds.length > 0 ? state.seeds : state.teams.map((t) => t.id);
  const index = new Map(seeds.map((id, i) => [id, i]));
  return (team) => index.get(team) ?? 0;
}

function ranked(state: Unranked, tallies: ReadonlyMap<string, Tally>, pools?: readonly Pool[]): Standing[] {
  const seed = seedIndex(state);
  const tally = (team: string) => tallies.get(team) ?? empty(team);
  switch (state.format) {
    case 'round-robin': {
      const rows = roundRobinRanking(
        state.teams.map((t) => t.id),
        state.matches,
        tally,
        seed,
      );
      const final = state.status === 'final';
      return rows.map((row, i) => standing(row, final ? i + 1 : null, false));
    }
    case 'pools':
      return poolsOrder(state, tally, seed, pools);
    default:
      return eliminationOrder(state, tally, seed);
  }
}

function eliminationOrder(
  state: Unranked,
  tally: (team: string) => Tally,
  seed: (team: string) => number,
): Standing[] {
  const started = state.status !== 'setup';
  const withdrawn = new Set(state.withdrawn);
  const stillIn = new Set<string>();
  const outAt = new Map<string, number>();
  // Places are settled up to the shallowest depth with a match still open.
  let open = Number.POSITIVE_INFINITY;
  for (const m of state.matches) {
    if (m.decidedBy === 'game' && m.loser !== null) outAt.set(m.loser, m.depth);
    if (m.decidedBy === 'forfeit') {
      for (const team of [m.home, m.away]) if (team !== null && team !== m.winner) outAt.set(team, m.depth);
    }
    if (m.status === 'done') continue;
    open = Math.min(open, m.depth);
    for (const team of [m.home, m.away]) {
      if (team === null) continue;
      // A withdrawn team waiting for its opponent is out already: its forfeit is only pending.
      if (withdrawn.has(team)) outAt.set(team, m.depth);
      else stillIn.add(team);
    }
  }
  const IN = 1e9;
  const rows = state.teams.map((t) => {
    const row = tally(t.id);
    const champion = t.id === state.champion;
    const out = started && !champion && !stillIn.has(t.id);
    const depth = out ? (outAt.get(t.id) ?? 0) : IN;
    return {
      row,
      out,
      champion,
      depth,
      keys: [champion ? 0 : 1, -depth, -row.wins, row.losses, -row.diff, seed(t.id)],
    };
  });
  // Out at depth d or before: everyone else finished ahead, so the place is one more than them.
  const outBy = new Map<number, number>();
  const depths = rows.filter((r) => r.out).map((r) => r.depth);
  for (const d of new Set(depths)) outBy.set(d, depths.filter((x) => x <= d).length);
  const place = (r: (typeof rows)[number]): number | null => {
    if (r.champion) return 1;
    if (!r.out || r.depth >= open) return null;
    return state.teams.length - (outBy.get(r.depth) ?? 0) + 1;
  };
  rows.sort((a, b) => compareKeys(a.keys, b.keys));
  return rows.map((r) => standing(r.row, place(r), r.out));
}

function poolsOrder(
  state: Unranked,
  tally: (team: string) => Tally,
  seed: (team: string) => number,
  tables?: readonly Pool[],
): Standing[] {
  const advance = state.options.pools?.advance ?? 1;
  const pools = tables ?? poolTables(state.matches, seed, advance);
  const poolPlace = new Map<string, number>();
  for (const pool of pools) pool.standings.forEach((s, i) => poolPlace.set(s.team, i));
  const done = pools.length > 0 && pools.every((p) => p.done);
  const keysOf = (team: string) => {
    const row = tally(team);
    return [poolPlace.get(team) ?? 0, -row.wins, row.losses, -row.diff, -row.pointsFor, seed(team)];
  };
  const byPool = (teams: string[]) =>
    teams.map((team) => ({ team, keys: keysOf(team) })).sort((a, b) => compareKeys(a.keys, b.keys));
  const ids = state.teams.map((t) => t.id);
  if (!done) {
    const over = new Set(pools.filter((p) => p.done).flatMap((p) => p.standings.slice(advance)));
    const out = new Set([...over].map((s) => s.team));
    return byPool(ids).map((r) => standing(tally(r.team), null, out.has(r.team)));
  }
  const through = new Set(ids.filter((id) => (poolPlace.get(id) ?? Infinity) < advance));
  const knockout = eliminationOrder(
    {
      ...state,
      teams: state.teams.filter((t) => through.has(t.id)),
      matches: state.matches.filter((m) => !inPool(m)),
    },
    tally,
    seed,
  );
  const rest = byPool(ids.filter((id) => !through.has(id)));
  const ahead = (p: number) => rest.filter((r) => (r.keys[0] ?? 0) < p).length;
  return [
    ...knockout,
    ...rest.map((r) => standing(tally(r.team), through.size + ahead(r.keys[0] ?? 0) + 1, true)),
  ];
}
