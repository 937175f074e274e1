// Switch partners: every round, the players present are drawn into new teams of two and the teams
// into matches, once the round before is over. Who sits a round out (when the players do not make
// whole matches): those who sat out least, at random among them. Partners: nobody twice while a
// pairing without a repeat is possible (matching.ts); with tiers, always one A and one B. Opponents:
// the new teams shuffled and taken two by two. Each round is one `round_drawn` event in the log.
import type { TournamentEvent } from './commands.js';
import type { MatchPlan, PlayerEntry, TeamEntry, TournamentState } from './types.js';
import { generator, shuffleWith, streamSeed } from './random.js';
import { partners } from './matching.js';
import { teamOf, usesTiers } from './draw.js';
import { ROUND_ROBIN_POOL } from './plan.js';

export const DEFAULT_ROUNDS = 4;

type RoundDrawn = Extract<TournamentEvent, { type: 'round_drawn' }>;

/** The players still in (not withdrawn), in entry order. */
export function activePlayers(state: Pick<TournamentState, 'players' | 'playersOut'>): PlayerEntry[] {
  const out = new Set(state.playersOut);
  return state.players.filter((p) => !out.has(p.id));
}

/** How many of these players play a round: whole matches of two teams of two (one A, one B each). */
function playing(players: readonly PlayerEntry[]): { A: number; B: number; all: number } {
  if (!usesTiers(players)) return { A: 0, B: 0, all: players.length - (players.length % 4) };
  const a = players.filter((p) => p.tier === 'A').length;
  const b = players.filter((p) => p.tier === 'B').length;
  const each = Math.floor(Math.min(a, b) / 2) * 2;
  return { A: each, B: each, all: 2 * each };
}

/** Switch partners with another round to draw: rounds left and players enough for a match. */
export function roundDue(state: TournamentState): boolean {
  if (state.options.draw !== 'switch') return false;
  const rounds = state.options.rounds ?? DEFAULT_ROUNDS;
  return state.roundsDrawn.length < rounds && playing(activePlayers(state)).all >= 4;
}

/** The next round's draw when the round under way is over and another is due. */
export function nextRound(state: TournamentState, at: string): TournamentEvent[] {
  if (state.status !== 'live' || !roundDue(state)) return [];
  if (!state.matches.every((m) => m.status === 'done')) return [];
  return [drawRound(state, state.roundsDrawn.length + 1, at)];
}

export function drawRound(state: TournamentState, round: number, at: string): RoundDrawn {
  const next = generator(streamSeed(state.options.seed, 100 + round));
  const active = activePlayers(state);
  const satOut = new Map<string, number>();
  for (const r of state.roundsDrawn) for (const p of r.sittingOut) satOut.set(p, (satOut.get(p) ?? 0) + 1);
  // Those who sat out least sit out now; shuffled first, so ties go at random.
  const leastFirst = (players: PlayerEntry[]) =>
    shuffleWith(players, next).sort((a, b) => (satOut.get(a.id) ?? 0) - (satOut.get(b.id) ?? 0));
  const counts = playing(active);
  const groups = usesTiers(active)
    ? [
        { players: active.filter((p) => p.tier === 'A'), play: counts.A },
        { players: active.filter((p) => p.tier === 'B'), play: counts.B },
      ]
    : [{ players: active, play: counts.all }];
  const sittingOut = groups.flatMap((g) => leastFirst(g.players).slice(0, g.players.length - g.play));
  const sits = new Set(sittingOut.map((p) => p.id));
  const inRound = active.filter((p) => !sits.has(p.id));

  const times = partnerCounts(state.teams);
  const byId = new Map(active.map((p) => [p.id, p]));
  const tiered = usesTiers(active);
  const pairs =
    partners(
      inRound.map((p) => p.id),
      (a, b) => times.get(key(a, b)) ?? 0,
      (a, b) => !tiered || byId.get(a)?.tier !== byId.get(b)?.tier,
      next,
    ) ?? [];
  const teams = pairs.map(([a, b], i) => {
    const [first, second] = [byId.get(a), byId.get(b)] as [PlayerEntry, PlayerEntry];
    // The A player first where there are tiers.
    return second.tier === 'A'
      ? teamOf(`r${round}-${i + 1}`, second, first)
      : teamOf(`r${round}-${i + 1}`, first, second);
  });
  return {
    type: 'round_drawn',
    round,
    teams,
    sittingOut: [...sits],
    plan: matchesFor(round, teams, next),
    at,
  };
}

function matchesFor(round: number, teams: readonly TeamEntry[], next: () => number): MatchPlan[] {
  const order = shuffleWith(teams, next);
  const plan: MatchPlan[] = [];
  for (let i = 0; i + 1 < order.length; i += 2) {
    const n = i / 2 + 1;
    plan.push({
      id: `${ROUND_ROBIN_POOL}${round}-${n}`,
      bracket: ROUND_ROBIN_POOL,
      round,
      order: n,
      depth: round,
      home: { kind: 'team', team: order[i]?.id ?? '' },
      away: { kind: 'team', team: order[i + 1]?.id ?? '' },
      resetOf: null,
    });
  }
  return plan;
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** How often each two players have been partners, from the teams drawn so far. */
function partnerCounts(teams: readonly TeamEntry[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const t of teams) {
    const [a, b] = t.members ?? [];
    if (a === undefined || b === undefined) continue;
    times.set(key(a, b), (times.get(key(a, b)) ?? 0) + 1);
  }
  return times;
}
