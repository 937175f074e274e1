// After every change, each undecided match is worked out again from where its sides come from:
// a side is a team, a bye, a pool's placing, or still waiting; a match with an empty side is decided
// without a game (a bye), one with a withdrawn team is forfeited to the other, an unneeded bracket
// reset is closed, and the rest is pending, ready, called or live. Matches are in an order where
// each comes after those it waits for, so one pass is enough; after a result only the matches it
// feeds are looked at again.
import type { Match, MatchPlan, Source } from './types.js';
import { poolRanking, type PoolRanking } from './pool-table.js';

const BYE = Symbol('bye');
type Slot = string | typeof BYE | null;

/** What working a match out needs beside the matches before it. */
export interface SettleContext {
  /** A team's seed index: the last tie-break of a pool's table. */
  seed: (team: string) => number;
  /** Teams whose matches are forfeited to their opponents. */
  withdrawn: ReadonlySet<string>;
  /** The time of the change: when a forfeit it causes is decided. */
  at: string | null;
  /** Pool placings feed later matches (format pools): a pool's last result moves them. */
  placings: boolean;
}

export const PLAIN: SettleContext = { seed: () => 0, withdrawn: new Set(), at: null, placings: false };

/** A match's series length from its bracket, and whether it is the tournament's final. */
export type BestOf = (bracket: string, final: boolean) => number;

/**
 * New, undecided matches for a plan: where each one's winner and loser go, its series length. The
 * final is the "final" bracket's, or without one the last round of the winners' bracket.
 */
export function freshMatches(plan: readonly MatchPlan[], bestOf: BestOf): Match[] {
  const finalBracket = plan.some((p) => p.bracket === 'final');
  const lastRound = Math.max(0, ...plan.filter((p) => p.bracket === 'winners').map((p) => p.round));
  const isFinal = (p: MatchPlan) =>
    p.bracket === 'final' || (!finalBracket && p.bracket === 'winners' && p.round === lastRound);
  const to = new Map<string, { winnerTo: string | null; loserTo: string | null }>();
  for (const { id, home, away } of plan) {
    for (const source of [home, away]) {
      if (source.kind !== 'winner' && source.kind !== 'loser') continue;
      const next = to.get(source.match) ?? { winnerTo: null, loserTo: null };
      to.set(source.match, source.kind === 'winner' ? { ...next, winnerTo: id } : { ...next, loserTo: id });
    }
  }
  return plan.map(({ home, away, ...rest }): Match => ({
    ...rest,
    from: { home, away },
    ...(to.get(rest.id) ?? { winnerTo: null, loserTo: null }),
    ...undecided(),
    bestOf: bestOf(rest.bracket, isFinal({ home, away, ...rest })),
  }));
}

export function matchesOf(
  plan: readonly MatchPlan[],
  ctx: SettleContext = PLAIN,
  bestOf: BestOf = () => 1,
): Match[] {
  return settle(freshMatches(plan, bestOf), ctx);
}

/** A match as if nothing had happened to it: no teams, board, game or result. */
export function reset(match: Match): Match {
  return { ...match, ...undecided() };
}

/** The fields of a match nothing has happened to. */
function undecided() {
  return {
    home: null,
    away: null,
    bye: { home: false, away: false },
    status: 'pending' as const,
    board: null,
    gameId: null,
    winner: null,
    loser: null,
    decidedBy: null,
    score: null,
    calledAt: null,
    startedAt: null,
    finishedAt: null,
    games: [],
  };
}

/** How a match looks up the matches before it and a pool's placings. */
export interface Lookup {
  match: (id: string) => Match | undefined;
  placing: (pool: string, place: number) => Slot;
}

/** A lookup over matches as they are being worked out (`out`, in order). */
export function lookupOver(
  out: readonly Match[],
  match: (id: string) => Match | undefined,
  ctx: SettleContext,
): Lookup {
  const tables = new Map<string, PoolRanking>();
  return {
    match,
    placing: (pool, place) => {
      // Pools come before the matches their placings feed, so a pool's table is complete here.
      let table = tables.get(pool);
      if (table === undefined) {
        table = poolRanking(
          out.filter((m) => m.bracket === pool),
          ctx.seed,
        );
        tables.set(pool, table);
      }
      if (!table.done) return null;
      return table.ranked[place - 1]?.team ?? BYE;
    },
  };
}

/** Every undecided match worked out again; unchanged matches are kept as they are. */
export function settle(matches: readonly Match[], ctx: SettleContext = PLAIN): Match[] {
  const byId = new Map<string, Match>();
  const out: Match[] = [];
  const lookup = lookupOver(out, (id) => byId.get(id), ctx);
  for (const match of matches) {
    const next = match.status === 'done' ? match : resolve(match, lookup, ctx);
    byId.set(next.id, next);
    out.push(next);
  }
  return out;
}

/**
 * The same after one match was decided, touching only where its winner and loser go (and on,
 * while byes or an unneeded reset decide those too): a result costs the few matches it moves.
 * A pool's result may complete the pool, whose placings feed matches: then everything.
 */
export function settleAfter(matches: readonly Match[], decided: string, ctx: SettleContext = PLAIN): Match[] {
  const source = matches.find((m) => m.id === decided);
  if (ctx.placings && source !== undefined && feedsPlacings(matches, source.bracket)) {
    // Placings are known only once the whole pool is over: until then its results move nothing.
    const over = matches.every((m) => m.bracket !== source.bracket || m.status === 'done');
    return over ? settle(matches, ctx) : [...matches];
  }
  if (source === undefined || (source.winnerTo === null && source.loserTo === null)) return [...matches];
  const out = [...matches];
  const index = (id: string) => out.findIndex((m) => m.id === id);
  const lookup = lookupOver(out, (id) => out[index(id)], ctx);
  const queue = [decided];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const from = lookup.match(id);
    for (const to of [from?.winnerTo, from?.loserTo]) {
      if (to === null || to === undefined) continue;
      const i = index(to);
      const match = out[i];
      if (match === undefined || match.status === 'done') continue;
      const next = resolve(match, lookup, ctx);
      out[i] = next;
      if (next.status === 'done') queue.push(next.id);
    }
  }
  return out;
}

function feedsPlacings(matches: readonly Match[], pool: string): boolean {
  const feeds = (s: Source) => s.kind === 'placing' && s.pool === pool;
  return matches.some((m) => feeds(m.from.home) || feeds(m.from.away));
}

function slotOf(source: Source, lookup: Lookup): Slot {
  switch (source.kind) {
    case 'team':
      return source.team;
    case 'bye':
      return BYE;
    case 'placing':
      return lookup.placing(source.pool, source.place);
    case 'winner':
    case 'loser': {
      const from = lookup.match(source.match);
      if (from === undefined) throw new Error(`Match ${source.match} is not planned before its use.`);
      if (from.status !== 'done') return null;
      // A match without a game passes a bye on where it has no team (its loser, or both sides).
      const team = source.kind === 'winner' ? from.winner : from.loser;
      return team ?? BYE;
    }
  }
}

/** The match worked out from its sources (it is not decided: done matches are kept as they are). */
export function resolve(match: Match, lookup: Lookup, ctx: SettleContext = PLAIN): Match {
  if (match.resetOf !== null) {
    const first = lookup.match(match.resetOf);
    if (first?.status === 'done' && first.winner === first.home) {
      return decided(match, { home: null, away: null, winner: null, loser: null, decidedBy: 'unneeded' });
    }
  }
  const home = slotOf(match.from.home, lookup);
  const away = slotOf(match.from.away, lookup);
  const team = (slot: Slot) => (typeof slot === 'string' ? slot : null);
  const sides = { home: team(home), away: team(away), bye: { home: home === BYE, away: away === BYE } };
  const out = (slot: Slot) => typeof slot === 'string' && ctx.withdrawn.has(slot);
  if (home === BYE || away === BYE) {
    const through = team(home) ?? team(away);
    if (home === null || away === null) return same(match, { ...sides, status: 'pending' });
    if (out(home) || out(away)) return forfeited({ ...match, bye: sides.bye }, sides, null, ctx);
    return decided(
      { ...match, bye: sides.bye },
      { ...sides, winner: through, loser: null, decidedBy: 'bye' },
    );
  }
  if (home !== null && away !== null && (out(home) || out(away))) {
    const winner = out(home) ? (out(away) ? null : sides.away) : sides.home;
    return forfeited(match, sides, winner, ctx);
  }
  const status = sides.home === null || sides.away === null ? 'pending' : statusOnBoard(match);
  return same(match, { ...sides, status });
}

/** A withdrawn team's match: to the other side, or (both gone, or against a bye) to nobody. */
function forfeited(
  match: Match,
  sides: Pick<Match, 'home' | 'away'>,
  winner: string | null,
  ctx: SettleContext,
): Match {
  const loser = winner === null ? null : winner === sides.home ? sides.away : sides.home;
  return { ...decided(match, { ...sides, winner, loser, decidedBy: 'forfeit' }), finishedAt: ctx.at };
}

function statusOnBoard(match: Match): Match['status'] {
  if (match.board === null) return 'ready';
  return match.startedAt === null ? 'called' : 'live';
}

type Outcome = Pick<Match, 'home' | 'away' | 'winner' | 'loser' | 'decidedBy'>;

function decided(match: Match, outcome: Outcome): Match {
  return { ...match, ...outcome, status: 'done' };
}

/** The match with these fields, or the very same object when none changed (cheap replays). */
function same(match: Match, fields: Pick<Match, 'home' | 'away' | 'bye' | 'status'>): Match {
  const unchanged =
    match.home === fields.home &&
    match.away === fields.away &&
    match.status === fields.status &&
    match.bye.home === fields.bye.home &&
    match.bye.away === fields.bye.away;
  return unchanged ? match : { ...match, ...fields };
}
