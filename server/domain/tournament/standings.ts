// Standings, best first. Round robin, in this order: wins; then, among teams level on wins, wins in
// the games between those teams (head-to-head); then point difference; then points for; then seed.
// Elimination: the champion, then the teams still in, then the others by how late they went out
// (ties share a place, e.g. both semi-final losers of a single elimination are 3rd); within those,
// wins, point difference, seed. A place is set once every match up to that depth is decided.
import type { Match, Standing, TournamentState } from './types.js';

type Tally = Omit<Standing, 'place' | 'eliminated'>;
type Unranked = Omit<TournamentState, 'standings'>;

const empty = (team: string): Tally => ({
  team,
  played: 0,
  wins: 0,
  losses: 0,
  pointsFor: 0,
  pointsAgainst: 0,
  diff: 0,
});

/** The standings from every played match. */
export function standingsOf(state: Unranked): Standing[] {
  const tallies = new Map(state.teams.map((t) => [t.id, empty(t.id)]));
  for (const m of state.matches) if (m.decidedBy === 'game') count(tallies, m);
  return ranked(state, tallies);
}

/** The same from the standings before one more played match: a result costs one pass, not two. */
export function standingsAfter(state: Unranked, before: readonly Standing[], played: Match): Standing[] {
  const tallies = new Map(before.map((s) => [s.team, tallyOf(s)]));
  count(tallies, played);
  return ranked(state, tallies);
}

// Spelt out field by field: object spreads were most of the cost of a result in a big round robin.
function tallyOf(s: Tally): Tally {
  const { team, played, wins, losses, pointsFor, pointsAgainst, diff } = s;
  return { team, played, wins, losses, pointsFor, pointsAgainst, diff };
}

function standing(t: Tally, place: number | null, eliminated: boolean): Standing {
  const { team, played, wins, losses, pointsFor, pointsAgainst, diff } = t;
  return { team, place, played, wins, losses, pointsFor, pointsAgainst, diff, eliminated };
}

function count(tallies: Map<string, Tally>, m: Match): void {
  if (m.score === null) return;
  const sides = [
    [m.home, m.score.home, m.score.away],
    [m.away, m.score.away, m.score.home],
  ] as const;
  for (const [team, own, other] of sides) {
    const t = tallies.get(team ?? '');
    if (t === undefined) continue;
    t.played++;
    if (m.winner === team) t.wins++;
    else t.losses++;
    t.pointsFor += own;
    t.pointsAgainst += other;
    t.diff = t.pointsFor - t.pointsAgainst;
  }
}

function ranked(state: Unranked, tallies: ReadonlyMap<string, Tally>): Standing[] {
  const seeds = state.seeds.length > 0 ? state.seeds : state.teams.map((t) => t.id);
  const seedIndex = new Map(seeds.map((id, i) => [id, i]));
  const seed = (team: string) => seedIndex.get(team) ?? 0;
  const tally = (team: string) => tallies.get(team) ?? empty(team);
  return state.format === 'round-robin'
    ? roundRobinOrder(state, tally, seed)
    : eliminationOrder(state, tally, seed);
}

function roundRobinOrder(
  state: Unranked,
  tally: (team: string) => Tally,
  seed: (team: string) => number,
): Standing[] {
  // Head-to-head: wins over teams with as many wins overall.
  const h2h = new Map<string, number>();
  const wins = new Map(state.teams.map((t) => [t.id, tally(t.id).wins]));
  for (const m of state.matches) {
    if (m.decidedBy !== 'game' || m.winner === null || m.loser === null) continue;
    if (wins.get(m.winner) === wins.get(m.loser)) h2h.set(m.winner, (h2h.get(m.winner) ?? 0) + 1);
  }
  const rows = state.teams.map((t) => {
    const row = tally(t.id);
    return { row, keys: [-row.wins, -(h2h.get(t.id) ?? 0), -row.diff, -row.pointsFor, seed(t.id)] };
  });
  rows.sort((a, b) => compareKeys(a.keys, b.keys));
  const final = state.status === 'final';
  return rows.map(({ row }, i) => standing(row, final ? i + 1 : null, false));
}

/** Lexicographic, smaller first. */
function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function eliminationOrder(
  state: Unranked,
  tally: (team: string) => Tally,
  seed: (team: string) => number,
): Standing[] {
  const started = state.status !== 'setup';
  const stillIn = new Set<string>();
  const outAt = new Map<string, number>();
  // Places are settled up to the shallowest depth with a match still open.
  let open = Number.POSITIVE_INFINITY;
  for (const m of state.matches) {
    if (m.decidedBy === 'game' && m.loser !== null) outAt.set(m.loser, m.depth);
    if (m.status === 'done') continue;
    open = Math.min(open, m.depth);
    if (m.home !== null) stillIn.add(m.home);
    if (m.away !== null) stillIn.add(m.away);
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
