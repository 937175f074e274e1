// Standings per player where teams are drawn from players: each counted match counts for both
// players of each team (wins, losses, points, as ranking.ts counts a team's). Order: wins, point
// difference, points for, then entry order (players do not meet one another as fixed teams, so
// there is no head-to-head). Places once the tournament is over.
import type { PlayerStanding, TournamentState } from './types.js';
import { compareKeys, count, counts, empty, type Tally } from './ranking.js';

type Source = Pick<TournamentState, 'players' | 'teams' | 'matches' | 'status' | 'roundsDrawn'>;

export function playerStandingsOf(state: Source): PlayerStanding[] {
  if (state.players.length === 0) return [];
  const members = new Map(state.teams.map((t) => [t.id, t.members ?? []]));
  const tallies = new Map(state.players.map((p) => [p.id, empty(p.id)]));
  for (const m of state.matches) {
    if (!counts(m)) continue;
    const teams = new Map<string, Tally>();
    for (const team of [m.home, m.away]) if (team !== null) teams.set(team, empty(team));
    count(teams, m);
    for (const [team, t] of teams) {
      for (const player of members.get(team) ?? []) {
        const p = tallies.get(player);
        if (p === undefined) continue;
        p.played += t.played;
        p.wins += t.wins;
        p.losses += t.losses;
        p.pointsFor += t.pointsFor;
        p.pointsAgainst += t.pointsAgainst;
        p.diff = p.pointsFor - p.pointsAgainst;
      }
    }
  }
  const satOut = new Map<string, number>();
  for (const r of state.roundsDrawn) for (const p of r.sittingOut) satOut.set(p, (satOut.get(p) ?? 0) + 1);
  const rows = state.players.map((p, i) => {
    const t = tallies.get(p.id) ?? empty(p.id);
    return { t, keys: [-t.wins, -t.diff, -t.pointsFor, i] };
  });
  rows.sort((a, b) => compareKeys(a.keys, b.keys));
  const final = state.status === 'final';
  return rows.map(({ t }, i) => ({
    player: t.team,
    place: final ? i + 1 : null,
    played: t.played,
    wins: t.wins,
    losses: t.losses,
    pointsFor: t.pointsFor,
    pointsAgainst: t.pointsAgainst,
    diff: t.diff,
    satOut: satOut.get(t.team) ?? 0,
  }));
}
