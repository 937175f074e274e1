// Where a late team can go once the tournament has started, without rebuilding anything played.
// Elimination: a first-round bye's empty side, taking the slot of the next seed (the one that meets
// the lowest top seed with a bye) first; open while nothing that bye decided has been played on
// (the matches worked out again are all unplayed). Round robin, or a pool below its size: the free
// seat of a pool with an odd number of teams, playing in every round the team that sits it out
// (rounds already played are played late). Else there is no open slot.
import type { Match, MatchPlan, Side, TournamentState } from './types.js';
import { playedOn, rederive } from './rederive.js';
import { freshMatches, reset } from './settle.js';
import { callOrder } from './calls.js';
import { ctxOf } from './settled.js';
import { seedPositions } from './elimination.js';
import { poolMatches } from './pool-table.js';

export interface OpenSlot {
  slot: { match: string; side: Side } | null;
  plan: MatchPlan[];
  /** The matches worked out again by the entry (all unplayed). */
  voids: string[];
}

export function openSlot(state: TournamentState, team: string): OpenSlot | null {
  switch (state.format) {
    case 'single':
    case 'double':
      return byeSlot(state, team);
    case 'round-robin':
      return seat(state, team, Number.POSITIVE_INFINITY);
    case 'pools':
      return seat(state, team, state.options.pools?.size ?? 0);
  }
}

function byeSlot(state: TournamentState, team: string): OpenSlot | null {
  const first = state.matches.filter((m) => m.bracket === 'winners' && m.round === 1);
  const positions = seedPositions(first.length * 2);
  const sides = first
    .flatMap((m) =>
      (['home', 'away'] as const).map((side) => ({
        match: m,
        side,
        seed: positions[(m.order - 1) * 2 + (side === 'home' ? 0 : 1)] ?? 0,
      })),
    )
    .filter((s) => s.match.from[s.side].kind === 'bye')
    .sort((a, b) => a.seed - b.seed);
  for (const { match, side } of sides) {
    const changed = reset({ ...match, from: { ...match.from, [side]: { kind: 'team', team } } });
    const voids = unplayedVoids(state, [changed], match.id);
    if (voids !== null) return { slot: { match: match.id, side }, plan: [], voids };
  }
  return null;
}

function seat(state: TournamentState, team: string, size: number): OpenSlot | null {
  for (const [pool, matches] of poolMatches(state.matches)) {
    const teams = new Set(matches.flatMap((m) => [m.home, m.away]));
    if (teams.size % 2 === 0 || teams.size >= size) continue;
    const plan = seatPlan(pool, matches, teams, team);
    const voids = unplayedVoids(
      state,
      freshMatches(plan, () => 1),
      null,
    );
    if (voids !== null) return { slot: null, plan, voids };
  }
  return null;
}

/** The late team against the one team of the pool that sits out each round. */
function seatPlan(pool: string, matches: readonly Match[], teams: ReadonlySet<string | null>, team: string) {
  const rounds = new Map<number, Match[]>();
  for (const m of matches) rounds.set(m.round, [...(rounds.get(m.round) ?? []), m]);
  const plan: MatchPlan[] = [];
  for (const [round, inRound] of [...rounds].sort(([a], [b]) => a - b)) {
    const busy = new Set(inRound.flatMap((m) => [m.home, m.away]));
    const sitter = [...teams].find((t) => t !== null && !busy.has(t));
    if (sitter === undefined || sitter === null) continue;
    const order = Math.max(...inRound.map((m) => m.order)) + 1;
    plan.push({
      id: `${pool}${round}-${order}`,
      bracket: pool,
      round,
      order,
      depth: inRound[0]?.depth ?? round,
      home: { kind: 'team', team: sitter },
      away: { kind: 'team', team },
      resetOf: null,
    });
  }
  return plan;
}

/** The matches the change voids, if none of them has been played on; else null. */
function unplayedVoids(state: TournamentState, changed: Match[], replaces: string | null): string[] | null {
  const ids = new Set(changed.map((m) => m.id));
  const base =
    replaces === null
      ? [...state.matches, ...changed].sort(callOrder)
      : state.matches.map((m) => (m.id === replaces ? (changed[0] ?? m) : m));
  const { voids } = rederive(base, ids, ctxOf(state, null));
  return playedOn(state.matches, voids).length === 0 ? voids : null;
}
