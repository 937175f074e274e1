// Standings, best first. Round robin, in this order: wins; then, among teams level on wins, wins in
// the games between those teams (head-to-head); then point difference; then points for; then seed.
// Elimination: the champion, then the teams still in, then the others by how late they went out
// (ties share a place, e.g. both semi-final losers of a single elimination are 3rd); within those,
// wins, point difference, seed. A place is set once every match up to that depth is decided.
import type { Match, Standing, TournamentState } from './types.js';

type Tally = Omit<Standing, 'place' | 'eliminated'>;

export function standingsOf(state: Omit<TournamentState, 'standings'>): Standing[] {
  const seedIndex = new Map(
    (state.seeds.length > 0 ? state.seeds : state.teams.map((t) => t.id)).map((id, i) => [id, i]),
  );
  const seed = (team: string) => seedIndex.get(team) ?? 0;
  const played = state.matches.filter((m) => m.decidedBy === 'game');
  const tallies = new Map(state.teams.map((t) => [t.id, tallyOf(t.id, played)]));
  const tally = (team: string) => tallies.get(team) as Tally;
  const rows = state.format === 'round-robin' ? roundRobinOrder(state, played, tally, seed) : null;
  if (rows !== null) return rows;
  return eliminationOrder(state, played, tally, seed);
}

function tallyOf(team: string, played: readonly Match[]): Tally {
  const t: Tally = { team, played: 0, wins: 0, losses: 0, pointsFor: 0, pointsAgainst: 0, diff: 0 };
  for (const m of played) {
    const side = m.home === team ? 'home' : m.away === team ? 'away' : null;
    if (side === null || m.score === null) continue;
    t.played++;
    if (m.winner === team) t.wins++;
    else t.losses++;
    t.pointsFor += m.score[side];
    t.pointsAgainst += m.score[side === 'home' ? 'away' : 'home'];
  }
  t.diff = t.pointsFor - t.pointsAgainst;
  return t;
}

function roundRobinOrder(
  state: Omit<TournamentState, 'standings'>,
  played: readonly Match[],
  tally: (team: string) => Tally,
  seed: (team: string) => number,
): Standing[] {
  const teams = state.teams.map((t) => t.id);
  const headToHead = (team: string): number => {
    const level = new Set(teams.filter((o) => tally(o).wins === tally(team).wins));
    return played.filter((m) => m.winner === team && level.has(m.loser ?? '')).length;
  };
  const h2h = new Map(teams.map((t) => [t, headToHead(t)]));
  const order = [...teams].sort(
    (a, b) =>
      tally(b).wins - tally(a).wins ||
      (h2h.get(b) ?? 0) - (h2h.get(a) ?? 0) ||
      tally(b).diff - tally(a).diff ||
      tally(b).pointsFor - tally(a).pointsFor ||
      seed(a) - seed(b),
  );
  const final = state.status === 'final';
  return order.map((team, i) => ({ ...tally(team), place: final ? i + 1 : null, eliminated: false }));
}

function eliminationOrder(
  state: Omit<TournamentState, 'standings'>,
  played: readonly Match[],
  tally: (team: string) => Tally,
  seed: (team: string) => number,
): Standing[] {
  const started = state.status !== 'setup';
  const stillIn = new Set<string>();
  for (const m of state.matches) {
    if (m.status === 'done') continue;
    if (m.home !== null) stillIn.add(m.home);
    if (m.away !== null) stillIn.add(m.away);
  }
  const outAt = new Map<string, number>();
  for (const m of played) if (m.loser !== null) outAt.set(m.loser, m.depth);
  const out = (team: string) => started && team !== state.champion && !stillIn.has(team);
  const depthOut = (team: string) => (out(team) ? (outAt.get(team) ?? 0) : Number.POSITIVE_INFINITY);
  const n = state.teams.length;
  const place = (team: string): number | null => {
    if (team === state.champion) return 1;
    if (!out(team)) return null;
    const d = depthOut(team);
    if (state.matches.some((m) => m.depth <= d && m.status !== 'done')) return null;
    const gone = state.teams.filter((t) => out(t.id) && depthOut(t.id) <= d).length;
    return n - gone + 1;
  };
  const rank = (team: string) => (team === state.champion ? 1 : 0);
  const order = state.teams
    .map((t) => t.id)
    .sort(
      (a, b) =>
        rank(b) - rank(a) ||
        depthOut(b) - depthOut(a) ||
        tally(b).wins - tally(a).wins ||
        tally(a).losses - tally(b).losses ||
        tally(b).diff - tally(a).diff ||
        seed(a) - seed(b),
    );
  return order.map((team) => ({ ...tally(team), place: place(team), eliminated: out(team) }));
}
