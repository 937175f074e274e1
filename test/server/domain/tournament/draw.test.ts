// Teams formed from players: a blind draw at the start (seeded; with tiers one A and one B per team;
// written into the log, so a replay never draws again) and switch partners (a new draw every
// round, nobody partnered twice while a pairing without a repeat is possible, standings per player).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, playerWithdrawal, replay } from '../../../../server/domain/tournament/index.js';
import type {
  CreateCommand,
  TeamEntry,
  TournamentState,
} from '../../../../server/domain/tournament/index.js';
import { at, createCommand, given, inBracket, play, playOut, teams, when, type Log } from './given.js';
import { eventOf, players } from './night-given.js';

const start = { type: 'start' } as const;
const blind = (n: number, tiers = false, seed = 1, format: CreateCommand['format'] = 'single') =>
  given({ format, teams: [], players: players(n, tiers), options: { seed, draw: 'blind' } });
const members = (teams: TeamEntry[]) => teams.map((t) => t.members ?? []);
const tierOf = (id: string, n: number) => (Number(id.slice(1)) <= n / 2 ? 'A' : 'B');

describe('blind draw', () => {
  it('draws 8 players into 4 teams at the start, each player in exactly one, and plays them', () => {
    const log = blind(8);
    expect(log.state.teams).toEqual([]);
    const drawn = eventOf(when(log, start), 'teams_drawn');
    expect(drawn.teams.map((t) => t.id)).toEqual(['draw-1', 'draw-2', 'draw-3', 'draw-4']);
    expect(members(drawn.teams).flat().sort()).toEqual(
      players(8)
        .map((p) => p.id)
        .sort(),
    );
    for (const team of drawn.teams) {
      expect(team.players).toHaveLength(2);
      expect(team.name).toBe(team.players.join(' & '));
    }
    const live = play(log, start);
    expect(live.state.teams).toEqual(drawn.teams);
    expect(
      inBracket(live.state, 'winners', 1)
        .flatMap((m) => [m.home, m.away])
        .sort(),
    ).toEqual(drawn.teams.map((t) => t.id).sort());
  });

  it('with tiers, puts one A and one B player in every team', () => {
    const drawn = eventOf(when(blind(12, true), start), 'teams_drawn');
    for (const [a, b] of members(drawn.teams)) {
      expect([tierOf(a ?? '', 12), tierOf(b ?? '', 12)]).toEqual(['A', 'B']);
    }
  });

  it('gives the same teams for the same seed, other teams for another', () => {
    const draw = (seed: number) => eventOf(when(blind(16, false, seed), start), 'teams_drawn').teams;
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });

  it('never draws again on replay: the teams come from the log', () => {
    const log = play(blind(8), start);
    const edited = log.events.map((e) =>
      e.type === 'teams_drawn' ? { ...e, teams: e.teams.map((t, i) => ({ ...t, name: `Kept ${i}` })) } : e,
    );
    expect(replay(edited).teams.map((t) => t.name)).toEqual(['Kept 0', 'Kept 1', 'Kept 2', 'Kept 3']);
  });

  it('keeps standings per player: each counts its team’s results', () => {
    const end = playOut(play(blind(8, false, 3), start));
    const byTeam = new Map(end.state.standings.map((s) => [s.team, s]));
    for (const team of end.state.teams) {
      for (const player of team.members ?? []) {
        const row = end.state.playerStandings.find((p) => p.player === player);
        expect(row?.wins).toBe(byTeam.get(team.id)?.wins);
        expect(row?.losses).toBe(byTeam.get(team.id)?.losses);
      }
    }
  });

  it('holds for any even number of players and any seed: everyone in one team, tiers respected, replay the same', () => {
    const runs = fc.record({
      pairs: fc.integer({ min: 2, max: 64 }),
      tiers: fc.boolean(),
      seed: fc.integer({ min: 0, max: 0xffff_ffff }),
    });
    fc.assert(
      fc.property(runs, ({ pairs, tiers, seed }) => {
        const n = pairs * 2;
        const log = play(blind(n, tiers, seed, 'double'), start);
        const all = members(log.state.teams);
        expect(all.every((m) => m.length === 2)).toBe(true);
        expect(all.flat().sort()).toEqual(
          players(n)
            .map((p) => p.id)
            .sort(),
        );
        if (tiers) for (const [a, b] of all) expect(tierOf(a ?? '', n)).not.toBe(tierOf(b ?? '', n));
        expect(JSON.stringify(replay(log.events))).toBe(JSON.stringify(log.state));
      }),
      { numRuns: 30 },
    );
  });

  it.each([
    ['an odd number of players', { players: players(7) }],
    ['too few players', { players: players(2) }],
    [
      'tiers that do not pair up',
      { players: [...players(6, true), { id: 'x', name: 'Extra', tier: 'A' as const }] },
    ],
    [
      'a player without a tier beside tiers',
      { players: [...players(6, true), { id: 'x', name: 'X', tier: null }] },
    ],
    ['teams as well as players', { players: players(8), teams: [{ id: 't', name: 'T', players: [] }] }],
    ['players without a draw', { players: players(8), teams: teams(4), options: { seed: 1 } }],
  ])('refuses %s with bad_players', (_, overrides) => {
    const command = createCommand({ teams: [], options: { seed: 1, draw: 'blind' }, ...overrides });
    expect(decide(command, null, { at: at(0) })).toMatchObject({ ok: false, code: 'bad_players' });
  });

  it('refuses two players of one name, and seeding by statistics', () => {
    const twins = [...players(3), { id: 'p9', name: 'player 1', tier: null }];
    const base = { teams: [], options: { seed: 1, draw: 'blind' as const } };
    expect(decide(createCommand({ ...base, players: twins }), null, { at: at(0) })).toMatchObject({
      code: 'duplicate_player',
    });
    const stats = { ...base, players: players(4), options: { ...base.options, seeding: 'stats' as const } };
    expect(decide(createCommand(stats), null, { at: at(0) })).toMatchObject({ code: 'bad_options' });
  });
});

const switching = (n: number, rounds = 3, tiers = false, seed = 1) =>
  given(
    {
      format: 'round-robin',
      teams: [],
      players: players(n, tiers),
      boards: [1, 2, 3, 4],
      options: { seed, draw: 'switch', rounds },
    },
    start,
  );
const roundTeams = (state: TournamentState, round: number) =>
  state.teams.filter((t) => t.id.startsWith(`r${round}-`));
const pairKey = (t: TeamEntry) => [...(t.members ?? [])].sort().join('|');

describe('switch partners', () => {
  it('draws the first round at the start and each next round when the one before is over', () => {
    const log = switching(8);
    expect(log.state.roundsDrawn).toEqual([{ round: 1, sittingOut: [] }]);
    expect(roundTeams(log.state, 1)).toHaveLength(4);
    expect(log.state.matches.map((m) => m.id)).toEqual(['A1-1', 'A1-2']);
    const [first] = log.state.matches;
    const one = play(log, {
      type: 'record_result',
      match: 'A1-1',
      winner: first?.home ?? '',
      score: { home: 21, away: 3 },
    });
    expect(one.state.roundsDrawn).toHaveLength(1);
    const second = one.state.matches[1];
    const two = play(one, {
      type: 'record_result',
      match: 'A1-2',
      winner: second?.away ?? '',
      score: { home: 8, away: 21 },
    });
    expect(two.state.roundsDrawn.map((r) => r.round)).toEqual([1, 2]);
    expect(two.state.matches.filter((m) => m.round === 2).map((m) => m.status)).toEqual(['called', 'called']);
    // Nobody has the same partner in round 2.
    const before = new Set(roundTeams(two.state, 1).map(pairKey));
    expect(roundTeams(two.state, 2).some((t) => before.has(pairKey(t)))).toBe(false);
  });

  it('ends after its rounds with standings per player and no champion team', () => {
    const end = playOut(switching(8, 3));
    expect(end.state.status).toBe('final');
    expect(end.state.roundsDrawn).toHaveLength(3);
    expect(end.state.champion).toBeNull();
    const rows = end.state.playerStandings;
    expect(rows.map((r) => r.place)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows.every((r) => r.played === 3 && r.wins + r.losses === 3)).toBe(true);
    const wins = rows.map((r) => r.wins);
    expect([...wins].sort((a, b) => b - a)).toEqual(wins);
  });

  it('sits out those who sat out least: 6 players, 2 out a round, each once in 3 rounds', () => {
    const end = playOut(switching(6, 3));
    const out = end.state.roundsDrawn.flatMap((r) => r.sittingOut);
    expect(out).toHaveLength(6);
    expect(new Set(out).size).toBe(6);
    expect(end.state.playerStandings.every((r) => r.satOut === 1 && r.played === 2)).toBe(true);
  });

  it('with tiers, partners one A and one B player every round', () => {
    const end = playOut(switching(8, 4, true));
    for (const team of end.state.teams) {
      const [a, b] = team.members ?? [];
      expect([tierOf(a ?? '', 8), tierOf(b ?? '', 8)]).toEqual(['A', 'B']);
    }
  });

  it('takes a late player into the next round, and leaves a withdrawn one out from then on', () => {
    let log = switching(8, 3);
    log = play(log, { type: 'enter_player', player: { id: 'p9', name: 'Late', tier: null } });
    log = play(log, { type: 'enter_player', player: { id: 'p10', name: 'Later', tier: null } });
    expect(roundTeams(log.state, 1).flatMap((t) => t.members)).not.toContain('p9');
    const gone = roundTeams(log.state, 1)[0]?.members?.[0] ?? '';
    // What the run page says first is what the write does: this match, this team.
    const said = playerWithdrawal(log.state, gone);
    expect(said.team).toBe(roundTeams(log.state, 1)[0]?.id);
    expect(eventOf(when(log, { type: 'withdraw_player', player: gone }), 'player_withdrawn').team).toBe(
      said.team,
    );
    log = play(log, { type: 'withdraw_player', player: gone });
    const forfeited = log.state.matches.find((m) => m.decidedBy === 'forfeit');
    expect(forfeited?.id).toBe(said.match?.id);
    expect(forfeited?.loser).toBe(roundTeams(log.state, 1)[0]?.id);
    log = playRound(log);
    const second = roundTeams(log.state, 2).flatMap((t) => t.members ?? []);
    expect(second).toContain('p9');
    expect(second).toContain('p10');
    expect(second).not.toContain(gone);
  });

  it('says a player sitting the round out forfeits nothing, as the write records it', () => {
    const log = switching(10, 2);
    const sitter = log.state.roundsDrawn[0]!.sittingOut[0]!;
    expect(playerWithdrawal(log.state, sitter)).toEqual({ team: null, match: null });
    expect(eventOf(when(log, { type: 'withdraw_player', player: sitter }), 'player_withdrawn').team).toBe(
      null,
    );
    const after = play(log, { type: 'withdraw_player', player: sitter });
    expect(after.state.matches.filter((m) => m.decidedBy === 'forfeit')).toEqual([]);
  });

  it('refuses team commands and players where teams are entered', () => {
    const log = switching(8);
    expect(when(log, { type: 'enter_team', team: { id: 'x', name: 'X', players: [] } })).toMatchObject({
      code: 'draw_tournament',
    });
    expect(when(log, { type: 'withdraw', team: 'r1-1' })).toMatchObject({ code: 'draw_tournament' });
    expect(when(log, { type: 'withdraw_player', player: 'nobody' })).toMatchObject({
      code: 'unknown_player',
    });
    const teamsEntered = given({}, start);
    expect(
      when(teamsEntered, { type: 'enter_player', player: { id: 'p', name: 'P', tier: null } }),
    ).toMatchObject({ code: 'not_a_draw' });
    const single = createCommand({ teams: [], players: players(8), options: { seed: 1, draw: 'switch' } });
    expect(decide(single, null, { at: at(0) })).toMatchObject({ code: 'bad_options' });
  });
});

/** Plays every open match of the round under way (home wins). */
function playRound(log: Log): Log {
  let next = log;
  const round = next.state.roundsDrawn.length;
  for (const m of next.state.matches.filter((x) => x.round === round && x.status !== 'done')) {
    next = play(next, {
      type: 'record_result',
      match: m.id,
      winner: m.home ?? '',
      score: { home: 21, away: 0 },
    });
  }
  return next;
}
