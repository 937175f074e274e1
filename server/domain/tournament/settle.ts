// After every change, each undecided match is worked out again from where its sides come from:
// a side is a team, a bye, or still waiting; a match with an empty side is decided without a game
// (a bye), an unneeded bracket reset is closed, and the rest is pending, ready, called or live.
// Matches are in an order where each comes after those it waits for, so one pass is enough; after
// a result only the matches it feeds are looked at again.
import type { Match, MatchPlan, Source } from './types.js';

const BYE = Symbol('bye');
type Slot = string | typeof BYE | null;

export function matchesOf(plan: readonly MatchPlan[]): Match[] {
  const to = new Map<string, { winnerTo: string | null; loserTo: string | null }>();
  for (const { id, home, away } of plan) {
    for (const source of [home, away]) {
      if (source.kind !== 'winner' && source.kind !== 'loser') continue;
      const next = to.get(source.match) ?? { winnerTo: null, loserTo: null };
      to.set(source.match, source.kind === 'winner' ? { ...next, winnerTo: id } : { ...next, loserTo: id });
    }
  }
  return settle(
    plan.map(({ home, away, ...rest }) => ({
      ...rest,
      from: { home, away },
      ...(to.get(rest.id) ?? { winnerTo: null, loserTo: null }),
      home: null,
      away: null,
      bye: { home: false, away: false },
      status: 'pending',
      board: null,
      gameId: null,
      winner: null,
      loser: null,
      decidedBy: null,
      score: null,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
    })),
  );
}

type Lookup = (id: string) => Match | undefined;

/** Every undecided match worked out again; unchanged matches are kept as they are. */
export function settle(matches: readonly Match[]): Match[] {
  const byId = new Map<string, Match>();
  const out: Match[] = [];
  const lookup: Lookup = (id) => byId.get(id);
  for (const match of matches) {
    const next = match.status === 'done' ? match : resolve(match, lookup);
    byId.set(next.id, next);
    out.push(next);
  }
  return out;
}

/**
 * The same after one match was decided, touching only where its winner and loser go (and on,
 * while byes or an unneeded reset decide those too): a result costs the few matches it moves.
 */
export function settleAfter(matches: readonly Match[], decided: string): Match[] {
  const source = matches.find((m) => m.id === decided);
  if (source === undefined || (source.winnerTo === null && source.loserTo === null)) return [...matches];
  const out = [...matches];
  const index = (id: string) => out.findIndex((m) => m.id === id);
  const lookup: Lookup = (id) => out[index(id)];
  const queue = [decided];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const from = lookup(id);
    for (const to of [from?.winnerTo, from?.loserTo]) {
      if (to === null || to === undefined) continue;
      const i = index(to);
      const match = out[i];
      if (match === undefined || match.status === 'done') continue;
      const next = resolve(match, lookup);
      out[i] = next;
      if (next.status === 'done') queue.push(next.id);
    }
  }
  return out;
}

function slotOf(source: Source, lookup: Lookup): Slot {
  switch (source.kind) {
    case 'team':
      return source.team;
    case 'bye':
      return BYE;
    case 'winner':
    case 'loser': {
      const from = lookup(source.match);
      if (from === undefined) throw new Error(`Match ${source.match} is not planned before its use.`);
      if (from.status !== 'done') return null;
      // A match without a game passes a bye on where it has no team (its loser, or both sides).
      const team = source.kind === 'winner' ? from.winner : from.loser;
      return team ?? BYE;
    }
  }
}

function resolve(match: Match, lookup: Lookup): Match {
  if (match.resetOf !== null) {
    const first = lookup(match.resetOf);
    if (first?.status === 'done' && first.winner === first.home) {
      return decided(match, { home: null, away: null, winner: null, loser: null, decidedBy: 'unneeded' });
    }
  }
  const home = slotOf(match.from.home, lookup);
  const away = slotOf(match.from.away, lookup);
  const team = (slot: Slot) => (typeof slot === 'string' ? slot : null);
  const sides = { home: team(home), away: team(away), bye: { home: home === BYE, away: away === BYE } };
  if (home === BYE || away === BYE) {
    const through = team(home) ?? team(away);
    if (home === null || away === null) return same(match, { ...sides, status: 'pending' });
    return decided(
      { ...match, bye: sides.bye },
      { ...sides, winner: through, loser: null, decidedBy: 'bye' },
    );
  }
  const status = sides.home === null || sides.away === null ? 'pending' : statusOnBoard(match);
  return same(match, { ...sides, status });
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
