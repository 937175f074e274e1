// A tournament night through the API on a real `serve` process (issue 16): 8 teams in two pools on
// the venue's 4 boards, the top two of each crossed into a bracket whose final is a best-of-3, played
// to the end; then a semi-final corrected after the final was played (its preview lists exactly the
// final, which is played again with a new game). A late entry into a bye and a withdrawal in the
// middle of a bracket run to the end too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Match, TournamentState } from '../../server/domain/tournament/index.js';
import { tempDir } from '../kit/files.js';
import { winGame } from '../kit/play.js';
import { cleanup, startTestServer, type ChildServer } from '../kit/server.js';

const ORGANISER_PIN = '86420975';
const organiser = { Authorization: `Bearer ${ORGANISER_PIN}` };

// The API answers the domain's state as JSON.
type Tournament = TournamentState;

let s: ChildServer;
beforeAll(async () => {
  s = await startTestServer({ child: true, dataDir: tempDir(), organiserPin: ORGANISER_PIN });
});
afterAll(() => cleanup());

const teams = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}`, players: [`${prefix}${i}a`] }));
const read = async (id: string): Promise<Tournament> =>
  (await s.get(`/api/tournaments/${id}`)).json as Tournament;
const number = (team: string | null) => Number(team?.slice(1));

async function post(path: string, body: unknown = {}): Promise<Tournament> {
  const answer = await s.api('POST', path, body, organiser);
  expect(answer.status, `${path}: ${answer.text}`).toBeLessThan(300);
  return answer.json as Tournament;
}

/** The side holding the lower team number wins 24–0 (t1 beats t2). */
const play = (m: Match) => winGame(s, m.gameId!, number(m.home) < number(m.away) ? 'home' : 'away');

/** Plays every match on a board at once, wave after wave, until the tournament is final. */
async function playToTheEnd(
  id: string,
  boards: number,
  before?: (state: Tournament, wave: number) => Promise<void>,
) {
  for (let wave = 0; ; wave++) {
    let state = await read(id);
    if (before) {
      await before(state, wave);
      state = await read(id);
    }
    if (state.status === 'final') return state;
    const onBoards = state.matches.filter((m) => m.status === 'called' || m.status === 'live');
    expect(onBoards.length, `wave ${wave}: a called match`).toBeGreaterThan(0);
    expect(onBoards.length).toBeLessThanOrEqual(boards);
    expect(new Set(onBoards.map((m) => m.board)).size).toBe(onBoards.length);
    await Promise.all(onBoards.map(play));
    expect(wave).toBeLessThan(30);
  }
}

/** The games of the venue that belong to a tournament, by match id. */
async function gamesByMatch(id: string): Promise<Map<string, string[]>> {
  const games = (await s.get('/api/games')).json as Array<{ id: string }>;
  const out = new Map<string, string[]>();
  for (const g of games) {
    const state = (await s.get(`/api/games/${g.id}/state`)).json as {
      tournament: { id: string } | null;
      match: { id: string } | null;
    };
    if (state.tournament?.id !== id) continue;
    out.set(state.match!.id, [...(out.get(state.match!.id) ?? []), g.id]);
  }
  return out;
}

describe('an 8-team pools night on 4 boards', () => {
  it('runs to the end, is corrected after its final, and runs to the end again', async () => {
    const created = await post('/api/tournaments', {
      name: 'Pools Night',
      format: 'pools',
      teams: teams(8, 'Team'),
      pools: { size: 4, advance: 2 },
      bestOf: { final: 3 },
      boards: [1, 2, 3, 4],
    });
    const id = created.id;
    const started = await post(`/api/tournaments/${id}/start`);
    // Seeds snake into the pools: A gets 1, 4, 5, 8 and B 2, 3, 6, 7.
    expect(started.pools.map((p) => [p.name, [...p.teams].sort()])).toEqual([
      ['A', ['t1', 't4', 't5', 't8']],
      ['B', ['t2', 't3', 't6', 't7']],
    ]);
    const poolMatches = started.matches.filter((m) => m.bracket === 'A' || m.bracket === 'B');
    expect(poolMatches).toHaveLength(12);
    // Every pool pair meets once.
    const pairs = poolMatches.map((m) => [m.home, m.away].sort().join('-'));
    expect(new Set(pairs).size).toBe(12);

    const over = await playToTheEnd(id, 4);
    expect(over.pools.every((p) => p.done)).toBe(true);
    expect(over.pools.map((p) => p.standings.slice(0, 2).map((r) => r.team))).toEqual([
      ['t1', 't4'],
      ['t2', 't3'],
    ]);
    // Crossed: pool winners meet the other pool's runner-up in the semi-finals.
    const semis = over.matches.filter((m) => m.bracket === 'winners' && m.round === 1);
    expect(semis.map((m) => [m.home, m.away].sort().join('-')).sort()).toEqual(['t1-t3', 't2-t4']);
    const final = over.matches.find((m) => m.bracket === 'winners' && m.round === 2)!;
    expect(final).toMatchObject({ bestOf: 3, status: 'done', winner: 't1', decidedBy: 'game' });
    expect(final.games).toHaveLength(2);
    expect(over.champion).toBe('t1');
    // Each played match has its games, one per game of a series, and nothing else.
    const before = await gamesByMatch(id);
    for (const m of over.matches.filter((x) => x.decidedBy === 'game')) {
      expect(before.get(m.id)?.length, m.id).toBe(m.bestOf === 1 ? 1 : m.games.length);
    }

    // The semi-final t1–t3 was entered the wrong way round, after the final was played.
    const semi = semis.find((m) => m.home === 't1' || m.away === 't1')!;
    const path = `/api/tournaments/${id}/matches/${semi.id}/result`;
    const preview = await s.api('POST', path, { winner: 't3', preview: true }, organiser);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toEqual({ voids: [final.id] });
    expect((await read(id)).version).toBe(over.version);

    const corrected = await post(path, { winner: 't3', expectedVersion: over.version });
    expect(corrected.status).toBe('live');
    expect(corrected.corrections).toEqual([
      expect.objectContaining({ match: semi.id, by: 'organiser', voids: [final.id] }),
    ]);
    const again = corrected.matches.find((m) => m.id === final.id)!;
    expect(again).toMatchObject({ status: 'called', winner: null, games: [] });
    expect([again.home, again.away].sort()).toEqual(['t2', 't3']);
    expect(final.games.map((g) => g.gameId)).not.toContain(again.gameId);
    const game = (await s.get(`/api/games/${again.gameId}/state`)).json as Record<string, unknown>;
    expect(game).toMatchObject({ status: 'live', match: { id: final.id, label: 'Final, game 1 of 3' } });

    const end = await playToTheEnd(id, 4);
    expect(end.champion).toBe('t2');
    const replayed = end.matches.find((m) => m.id === final.id)!;
    expect(replayed).toMatchObject({ winner: 't2', decidedBy: 'game' });
    expect(replayed.score![replayed.home === 't2' ? 'home' : 'away']).toBe(2);
    expect(replayed.games.map((g) => g.winner)).toEqual(['t2', 't2']);
    // The old final's games are still there, as they were played; the new final has its own two.
    const after = await gamesByMatch(id);
    expect(after.get(final.id)).toHaveLength(4);
  });
});

describe('a late entry', () => {
  it('takes the bye of a 7-team bracket after the start and plays through; a ninth team finds no slot', async () => {
    const created = await post('/api/tournaments', {
      name: 'Late Night',
      format: 'single',
      teams: teams(7, 'Late'),
      boards: [1, 2],
    });
    const id = created.id;
    const started = await post(`/api/tournaments/${id}/start`);
    const entered = await post(`/api/tournaments/${id}/teams`, {
      name: 'Late 8',
      players: ['Zed'],
      expectedVersion: started.version,
    });
    expect(entered.teams.map((t) => t.id)).toContain('t8');
    const first = entered.matches.find((m) => m.home === 't8' || m.away === 't8')!;
    expect(first).toMatchObject({ bracket: 'winners', round: 1 });
    expect(first.decidedBy).not.toBe('bye');
    const refused = await s.api('POST', `/api/tournaments/${id}/teams`, { name: 'Late 9' }, organiser);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'no_open_slot', state: { version: entered.version } });

    const end = await playToTheEnd(id, 2);
    expect(end.champion).toBe('t1');
    expect(end.matches.find((m) => m.id === first.id)).toMatchObject({ decidedBy: 'game', loser: 't8' });
    expect(end.matches.every((m) => m.decidedBy === 'game')).toBe(true);
  });
});

describe('a withdrawal mid-bracket', () => {
  it("forfeits the team's next match to its opponent when the opponent arrives, and the night goes on", async () => {
    const created = await post('/api/tournaments', {
      name: 'Withdraw Night',
      format: 'single',
      teams: teams(8, 'Wd'),
      boards: [1, 2, 3],
    });
    const id = created.id;
    await post(`/api/tournaments/${id}/start`);
    let gone: { team: string; match: string } | null = null;
    const end = await playToTheEnd(id, 3, async (state) => {
      if (gone !== null) return;
      // A team through to a semi-final whose opponent is still playing leaves before it.
      const waiting = state.matches.find(
        (m) => m.round === 2 && m.bracket === 'winners' && (m.home === null) !== (m.away === null),
      );
      if (waiting === undefined) return;
      const team = (waiting.home ?? waiting.away)!;
      const answer = await post(`/api/tournaments/${id}/teams/${team}/withdraw`);
      expect(answer.withdrawn).toEqual([team]);
      expect(answer.matches.find((m) => m.id === waiting.id)!.status).toBe('pending');
      gone = { team, match: waiting.id };
    });
    expect(gone).not.toBeNull();
    const { team, match } = gone!;
    const semi = end.matches.find((m) => m.id === match)!;
    expect(semi).toMatchObject({ status: 'done', decidedBy: 'forfeit', loser: team, gameId: null });
    expect(semi.winner).not.toBeNull();
    expect(end.champion).not.toBeNull();
    expect(end.champion).not.toBe(team);
    expect(end.withdrawn).toEqual([team]);
    expect(end.matches.every((m) => m.status === 'done')).toBe(true);
    // The forfeited semi-final never had a game.
    expect((await gamesByMatch(id)).has(match)).toBe(false);
  });
});
