// Counting results into tallies and ordering a round robin (a whole one, or one pool of a pools
// tournament): wins; then, among teams level on wins, wins in the games between those teams
// (head-to-head); then point difference; then points for; then seed. A forfeit counts as a win
// and a loss without points; a series counts the points of its games.
import type { Match, Score, Standing } from './types.js';

export type Tally = Omit<Standing, 'place' | 'eliminated'>;

export const empty = (team: string): Tally => ({
  team,
  played: 0,
  wins: 0,
  losses: 0,
  pointsFor: 0,
  pointsAgainst: 0,
  diff: 0,
});

/** A match that counts in the standings: decided by a game, or forfeited to a team. */
export const counts = (m: Match): boolean =>
  m.decidedBy === 'game' || (m.decidedBy === 'forfeit' && m.winner !== null);

// Spelt out field by field: object spreads were most of the cost of a result in a big round robin.
export function tallyOf(s: Tally): Tally {
  const { team, played, wins, losses, pointsFor, pointsAgainst, diff } = s;
  return { team, played, wins, losses, pointsFor, pointsAgainst, diff };
}

export function standing(t: Tally, place: number | null, eliminated: boolean): Standing {
  const { team, played, wins, losses, pointsFor, pointsAgainst, diff } = t;
  return { team, place, played, wins, losses, pointsFor, pointsAgainst, diff, eliminated };
}

/** The points a match counts: its score, or for a series the sum of its games'; none for a forfeit. */
export function pointsOf(m: Match): Score | null {
  if (m.decidedBy === 'forfeit') return null;
  if (m.bestOf <= 1 || m.games.length === 0) return m.score;
  const sum = { home: 0, away: 0 };
  for (const g of m.games) {
    sum.home += g.score.home;
    sum.away += g.score.away;
  }
  return sum;
}

export function count(tallies: Map<string, Tally>, m: Match): void {
  const points = pointsOf(m);
  if (points === null && m.decidedBy !== 'forfeit') return;
  const sides = [
    [m.home, points?.home ?? 0, points?.away ?? 0],
    [m.away, points?.away ?? 0, points?.home ?? 0],
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

/** Lexicographic, smaller first. */
export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** These teams in round-robin order by these matches (the tie-breaks above), best first. */
export function roundRobinRanking(
  teams: readonly string[],
  matches: readonly Match[],
  tally: (team: string) => Tally,
  seed: (team: string) => number,
): Tally[] {
  // Head-to-head: wins over teams with as many wins overall.
  const h2h = new Map<string, number>();
  const wins = new Map(teams.map((t) => [t, tally(t).wins]));
  for (const m of matches) {
    if (!counts(m) || m.winner === null || m.loser === null) continue;
    if (wins.get(m.winner) === wins.get(m.loser)) h2h.set(m.winner, (h2h.get(m.winner) ?? 0) + 1);
  }
  const rows = teams.map((team) => {
    const row = tally(team);
    return { row, keys: [-row.wins, -(h2h.get(team) ?? 0), -row.diff, -row.pointsFor, seed(team)] };
  });
  rows.sort((a, b) => compareKeys(a.keys, b.keys));
  return rows.map((r) => r.row);
}
