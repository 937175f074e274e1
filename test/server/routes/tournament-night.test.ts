// A tournament night through the API: the create options (pools, drawn teams, series, the no-show
// clock), a series' games made one after another on its board, and the organiser's commands (late
// entry, withdrawal, check-in, forfeit and its undoing, a corrected result with its preview).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TournamentState } from '../../../server/domain/tournament/index.js';
import { startTestServer, type InProcessServer } from '../../kit/server.js';
import { setBoardCount, winGame } from '../../kit/play.js';
import { expectRefused } from '../security/helpers.js';

let s: InProcessServer;
beforeAll(async () => {
  s = await startTestServer();
  await setBoardCount(s, 16);
});
afterAll(() => s?.stop());

const organiser = () => ({ Authorization: `Bearer ${s.organiserPin()}` });
const teams = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}` }));

// The API answers the domain's state as JSON.
type Tournament = TournamentState;

const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  s.api('POST', path, body, { ...organiser(), ...headers });

async function create(body: Record<string, unknown>): Promise<Tournament> {
  const answer = await post('/api/tournaments', {
    name: 'Night Cup',
    format: 'single',
    boards: [1, 2],
    ...body,
  });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as Tournament;
}

async function ok(path: string, body: unknown = {}): Promise<Tournament> {
  const answer = await post(path, body);
  expect(answer.status, answer.text).toBe(200);
  return answer.json as Tournament;
}

const read = async (id: string) => (await s.get(`/api/tournaments/${id}`)).json as Tournament;
const matchOf = (t: Tournament, id: string) => t.matches.find((m) => m.id === id)!;

/** The tournament's page, its TV mode, its region and the run page render the night's state. */
async function pagesShow(id: string, text: string): Promise<void> {
  for (const page of ['', '/tv', '/bracket?variant=tv']) {
    const answer = await s.get(`/tournaments/${id}${page}`);
    expect(answer.status, `${page}: ${answer.text.slice(0, 200)}`).toBe(200);
    expect(answer.text).toContain(text);
  }
  const host = await s.get(`/host/tournaments/${id}`, {
    Cookie: `${s.hostCookie.name}=${s.hostCookie.value}`,
  });
  expect(host.status, host.text.slice(0, 200)).toBe(200);
  expect(host.text).toContain(text);
}

const win = (gameId: string, side: 'home' | 'away') => winGame(s, gameId, side);

describe('creating a night', () => {
  it('takes pools, drawn teams, series and the no-show clock', async () => {
    const pools = await create({
      format: 'pools',
      teams: teams(8, 'Pool'),
      pools: { size: 4, advance: 2 },
      bestOf: { final: 3 },
      noShowMinutes: 10,
    });
    expect(pools).toMatchObject({
      format: 'pools',
      options: { pools: { size: 4, advance: 2 }, bestOf: { final: 3 }, noShowMinutes: 10 },
    });
    const started = await ok(`/api/tournaments/${pools.id}/start`);
    await pagesShow(pools.id, 'Pool 1');
    expect(started.pools.map((p) => [p.name, p.teams.length])).toEqual([
      ['A', 4],
      ['B', 4],
    ]);

    const blind = await create({
      format: 'single',
      draw: 'blind',
      players: ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal'],
      seed: 7,
    });
    expect(blind).toMatchObject({ options: { draw: 'blind' }, teams: [] });
    expect(blind.players.map((p) => [p.id, p.tier])).toEqual(
      ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id) => [id, null]),
    );
    const drawn = await ok(`/api/tournaments/${blind.id}/start`);
    expect(drawn.teams).toHaveLength(4);
    expect(drawn.teams.flatMap((t) => t.players).sort()).toEqual(
      ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal'].sort(),
    );

    const tiered = await create({
      format: 'round-robin',
      draw: 'switch',
      rounds: 3,
      players: [
        { name: 'Ann', tier: 'A' },
        { name: 'Bo', tier: 'B' },
        { name: 'Cy', tier: 'A' },
        { name: 'Di', tier: 'B' },
      ],
    });
    expect(tiered).toMatchObject({ options: { draw: 'switch', rounds: 3 } });
    expect(tiered.players.map((p) => p.tier)).toEqual(['A', 'B', 'A', 'B']);
  });

  it('answers the domain’s input codes as 400 and creates nothing', async () => {
    const before = ((await s.get('/api/tournaments')).json as unknown[]).length;
    const bad = async (body: Record<string, unknown>, code: string) => {
      const base = { name: 'Bad', format: 'single', teams: teams(4, 'Bad'), boards: [1] };
      expectRefused(await post('/api/tournaments', { ...base, ...body }), 400, code);
    };
    await bad({ format: 'pools' }, 'bad_pools');
    await bad({ pools: { size: 4, advance: 2 } }, 'bad_pools');
    await bad({ format: 'pools', pools: { size: 2, advance: 1 } }, 'bad_pools');
    await bad({ format: 'pools', pools: { size: 4 } }, 'missing_field');
    await bad({ players: ['A', 'B', 'C', 'D'] }, 'bad_players');
    await bad({ teams: undefined, draw: 'blind', players: ['A', 'B', 'C', 'D', 'E'] }, 'bad_players');
    await bad({ teams: undefined, draw: 'blind', players: ['A', 'B', 'C', 'a'] }, 'duplicate_player');
    await bad({ draw: 'blind', players: ['A', 'B', 'C', 'D'] }, 'bad_players');
    await bad({ teams: undefined, draw: 'switch', players: ['A', 'B', 'C', 'D'] }, 'bad_options');
    await bad({ draw: 'lottery' }, 'invalid_value');
    await bad({ bestOf: { final: 2 } }, 'bad_best_of');
    await bad({ bestOf: { semis: 3 } }, 'bad_best_of');
    await bad({ noShowMinutes: 0 }, 'bad_options');
    await bad({ noShowMinutes: 5.5 }, 'wrong_type');
    await bad({ teams: undefined }, 'too_few_teams');
    expect(((await s.get('/api/tournaments')).json as unknown[]).length).toBe(before);
  });
});

describe('a series', () => {
  it('makes each game of a best-of-3 final on its board in turn, until a team has won two', async () => {
    const t = await create({ teams: teams(2, 'Series'), boards: [3], bestOf: { final: 3 } });
    const live = await ok(`/api/tournaments/${t.id}/start`);
    const first = matchOf(live, 'W1-1');
    expect(first).toMatchObject({ status: 'called', board: 3, bestOf: 3 });
    const game1 = (await s.get(`/api/games/${first.gameId}/state`)).json as Record<string, unknown>;
    expect(game1).toMatchObject({ board: 3, match: { id: 'W1-1', label: 'Final, game 1 of 3' } });

    await win(first.gameId!, 'home');
    const after1 = matchOf(await read(t.id), 'W1-1');
    // Not decided: called again on the same board, with a new game linked in the same write.
    expect(after1).toMatchObject({ status: 'called', board: 3, winner: null });
    expect(after1.games.map((g) => g.gameId)).toEqual([first.gameId]);
    expect(after1.gameId).not.toBeNull();
    expect(after1.gameId).not.toBe(first.gameId);
    const game2 = (await s.get(`/api/games/${after1.gameId}/state`)).json as Record<string, unknown>;
    expect(game2).toMatchObject({
      board: 3,
      status: 'live',
      match: { id: 'W1-1', label: 'Final, game 2 of 3' },
      home: { name: 'Series 1' },
      away: { name: 'Series 2' },
    });

    await win(after1.gameId!, 'away');
    const after2 = matchOf(await read(t.id), 'W1-1');
    await pagesShow(t.id, 'Series 2');
    const game3 = (await s.get(`/api/games/${after2.gameId}/state`)).json as Record<string, unknown>;
    expect(game3).toMatchObject({ match: { label: 'Final, game 3 of 3' } });
    await win(after2.gameId!, 'home');
    const over = await read(t.id);
    expect(over).toMatchObject({ status: 'final', champion: first.home });
    expect(matchOf(over, 'W1-1')).toMatchObject({
      status: 'done',
      decidedBy: 'game',
      score: { home: 2, away: 1 },
      gameId: after2.gameId,
    });
    expect(matchOf(over, 'W1-1').games).toHaveLength(3);
    // The export has every game of the series, by id.
    const file = (await s.get(`/api/tournaments/${t.id}/export.json`)).json as {
      allGames: Record<string, { match: { label: string } }>;
    };
    const ids = matchOf(over, 'W1-1').games.map((g) => g.gameId!);
    expect(ids.map((id) => file.allGames[id]?.match.label)).toEqual([
      'Final, game 1 of 3',
      'Final, game 2 of 3',
      'Final, game 3 of 3',
    ]);
  });
});

describe('the organiser’s commands', () => {
  it('checks teams in and out before the start, and starts without those not checked in when asked', async () => {
    const t = await create({ teams: teams(5, 'Check'), boards: [4, 5] });
    const base = `/api/tournaments/${t.id}`;
    expectRefused(await s.api('POST', `${base}/teams/t1/check-in`, {}), 403, 'organiser_required');
    let now = await ok(`${base}/teams/t1/check-in`);
    expect(now.checkedIn).toEqual(['t1']);
    expectRefused(await post(`${base}/teams/t1/check-in`), 409, 'already_checked_in');
    expectRefused(await post(`${base}/teams/t9/check-in`), 409, 'unknown_entrant');
    for (const team of ['t2', 't3', 't4', 't5']) now = await ok(`${base}/teams/${team}/check-in`);
    now = await ok(`${base}/teams/t5/check-out`, { expectedVersion: now.version });
    expect(now.checkedIn).toEqual(['t1', 't2', 't3', 't4']);
    expectRefused(await post(`${base}/start`), 409, 'unchecked_entrants');
    expectRefused(await post(`${base}/start`, { dropUnchecked: 'yes' }), 400, 'wrong_type');
    now = await ok(`${base}/start`, { dropUnchecked: true });
    expect(now.status).toBe('live');
    expect(now.teams.map((x) => x.id)).toEqual(['t1', 't2', 't3', 't4']);
  });

  it('enters a late team into a bye, else 409 no_open_slot; the key replays the entry', async () => {
    const t = await create({ teams: teams(3, 'Late'), boards: [6] });
    const base = `/api/tournaments/${t.id}`;
    const live = await ok(`${base}/start`);
    const key = { 'Idempotency-Key': `late-${t.id}` };
    const body = { name: 'Late 4', players: ['Zed'], expectedVersion: live.version };

    // First the preview: where the team would go and what it would change; nothing changes.
    expectRefused(await s.api('POST', `${base}/teams`, { ...body, preview: true }), 403);
    const preview = await post(`${base}/teams`, { ...body, preview: true }, key);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    expect(preview.json).toEqual({
      version: live.version,
      team: { id: 't4', name: 'Late 4', players: ['Zed'] },
      slot: { match: 'W1-1', side: 'away' },
      matches: [{ match: 'W1-1', opponent: 't1' }],
      voids: ['W2-1'],
      calls: [],
    });
    expect(await read(t.id)).toEqual(live);
    expectRefused(
      await post(`${base}/teams`, { ...body, preview: true, expectedVersion: 0 }),
      409,
      'version_conflict',
    );
    expectRefused(await post(`${base}/teams`, { name: 'Late 1', preview: true }), 400, 'duplicate_team');
    expectRefused(await post(`${base}/teams`, { name: 'Late 5', preview: 'yes' }), 400, 'wrong_type');
    expect(await read(t.id)).toEqual(live);

    // The preview kept no answer under its key: the same key now enters the team, as previewed.
    const entered = await post(`${base}/teams`, body, key);
    expect(entered.status, entered.text).toBe(200);
    const after = entered.json as Tournament;
    expect(after.teams.at(-1)).toEqual({ id: 't4', name: 'Late 4', players: ['Zed'] });
    expect(matchOf(after, 'W1-1')).toMatchObject({ home: 't1', away: 't4', status: 'ready' });
    expect(matchOf(after, 'W2-1')).toMatchObject({ home: null, status: 'pending' });
    const again = await post(`${base}/teams`, body, key);
    expect(again.status).toBe(200);
    expect((again.json as Tournament).version).toBe(after.version);
    expect((await read(t.id)).teams).toHaveLength(4);

    const full = await post(`${base}/teams`, { name: 'Late 5', preview: true });
    expectRefused(full, 409, 'no_open_slot');
    expect(full.json).toMatchObject({
      error: 'No bye or free seat is left that nothing has been played on.',
      state: { version: after.version },
    });
    expectRefused(await post(`${base}/teams`, { name: 'Late 5' }), 409, 'no_open_slot');
    expectRefused(await post(`${base}/teams`, { name: 'Late 1' }), 400, 'duplicate_team');
    expectRefused(await post(`${base}/teams`, { name: 'X', team: 't9' }), 400, 'unknown_field');
    expect((await read(t.id)).version).toBe(after.version);
  });

  it('withdraws a team: its called match goes to its opponent by forfeit', async () => {
    const t = await create({ teams: teams(4, 'Wd'), boards: [7, 8] });
    const base = `/api/tournaments/${t.id}`;
    const live = await ok(`${base}/start`);
    const semi = matchOf(live, 'W1-1');
    const after = await ok(`${base}/teams/${semi.away}/withdraw`);
    expect(after.withdrawn).toEqual([semi.away]);
    expect(matchOf(after, 'W1-1')).toMatchObject({ status: 'done', decidedBy: 'forfeit', winner: semi.home });
    expect((await s.get(`/api/games/${semi.gameId}/state`)).status).toBe(404);
    expect(matchOf(after, 'W1-2').gameId).not.toBeNull();
    expect((await s.get(`/api/games/${matchOf(after, 'W1-2').gameId}/state`)).status).toBe(200);
    expectRefused(await post(`${base}/teams/${semi.away}/withdraw`), 409, 'already_withdrawn');
    expectRefused(await post(`${base}/teams/nobody/withdraw`), 409, 'unknown_team');
  });

  it('forfeits a no-show’s match to the team that came, and takes it back while nothing was played on', async () => {
    const t = await create({ teams: teams(4, 'Ns'), boards: [9, 10], noShowMinutes: 5 });
    const base = `/api/tournaments/${t.id}`;
    const live = await ok(`${base}/start`);
    const semi = matchOf(live, 'W1-2');
    expectRefused(await post(`${base}/matches/W1-2/forfeit`, { winner: 'nobody' }), 409, 'not_in_match');
    expectRefused(await post(`${base}/matches/W1-2/forfeit`, {}), 400, 'missing_field');
    const forfeited = await ok(`${base}/matches/W1-2/forfeit`, { winner: semi.away });
    // The game made for the call is retired: off the boards and lists, and it stays so.
    expect((await s.get(`/api/games/${semi.gameId}/state`)).status).toBe(404);
    expect(((await s.get('/api/games')).json as Array<{ id: string }>).map((g) => g.id)).not.toContain(
      semi.gameId,
    );
    expectRefused(await post(`/api/games/${semi.gameId}/restore`), 409, 'tournament_game');
    // Its page says why it is gone: the tournament retired it, not the organiser.
    const page = await s.get(`/games/${semi.gameId}`, { Accept: 'text/html' });
    expect(page.status).toBe(404);
    expect(page.text).toContain('was reset or forfeited, so the game is no longer played');
    const console = await s.get('/host', { Cookie: `${s.hostCookie.name}=${s.hostCookie.value}` });
    expect(console.status).toBe(200);
    expect(console.text).not.toContain(`/host/games/${semi.gameId}/restore`);
    expect(matchOf(forfeited, 'W1-2')).toMatchObject({
      status: 'done',
      decidedBy: 'forfeit',
      winner: semi.away,
    });
    await pagesShow(t.id, 'Ns 1');
    const undone = await ok(`${base}/matches/W1-2/unforfeit`, { expectedVersion: forfeited.version });
    expect(matchOf(undone, 'W1-2')).toMatchObject({ winner: null, decidedBy: null });
    expect(matchOf(undone, 'W1-2').status).toBe('called');
    expectRefused(await post(`${base}/matches/W1-2/unforfeit`), 409, 'not_forfeited');
    // Called again, it is played in a new game.
    const recalled = matchOf(undone, 'W1-2');
    expect(recalled.gameId).not.toBeNull();
    expect(recalled.gameId).not.toBe(semi.gameId);
    expect((await s.get(`/api/games/${recalled.gameId}/state`)).json).toMatchObject({ status: 'live' });
  });
});

describe('a corrected result', () => {
  it('previews the matches it voids and changes nothing, then re-calls the played final with a new game', async () => {
    const t = await create({ teams: teams(4, 'Fix'), boards: [11, 12] });
    const base = `/api/tournaments/${t.id}`;
    const live = await ok(`${base}/start`);
    await win(matchOf(live, 'W1-1').gameId!, 'home');
    await win(matchOf(live, 'W1-2').gameId!, 'home');
    const final = matchOf(await read(t.id), 'W2-1');
    await win(final.gameId!, 'home');
    const over = await read(t.id);
    expect(over.status).toBe('final');
    const semi = matchOf(over, 'W1-1');

    expectRefused(
      await s.api('POST', `${base}/matches/W1-1/result`, { winner: semi.away, preview: true }),
      403,
    );
    const preview = await post(`${base}/matches/W1-1/result`, { winner: semi.away, preview: true });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json).toEqual({ voids: ['W2-1'] });
    expect((await read(t.id)).version).toBe(over.version);
    expectRefused(
      await post(`${base}/matches/W1-1/result`, { winner: semi.home, preview: true }),
      409,
      'same_result',
    );
    expectRefused(
      await post(`${base}/matches/W1-1/result`, {
        winner: semi.away,
        score: { home: 30, away: 2 },
        preview: true,
      }),
      400,
      'bad_score',
    );
    expectRefused(
      await post(`${base}/matches/W1-1/result`, { winner: semi.away, preview: true, expectedVersion: 0 }),
      409,
      'version_conflict',
    );
    expectRefused(
      await post(`${base}/matches/W1-2/result`, { winner: 'nobody', preview: true }),
      409,
      'not_in_match',
    );

    const corrected = await ok(`${base}/matches/W1-1/result`, {
      winner: semi.away,
      expectedVersion: over.version,
    });
    expect(corrected.status).toBe('live');
    expect(matchOf(corrected, 'W1-1')).toMatchObject({ winner: semi.away, score: { home: 0, away: 24 } });
    expect(corrected.corrections).toEqual([
      expect.objectContaining({ match: 'W1-1', by: 'organiser', voids: ['W2-1'] }),
    ]);
    const recalled = matchOf(corrected, 'W2-1');
    expect(recalled).toMatchObject({ status: 'called', home: semi.away, winner: null, games: [] });
    expect(recalled.gameId).not.toBeNull();
    expect(recalled.gameId).not.toBe(final.gameId);
    const fresh = (await s.get(`/api/games/${recalled.gameId}/state`)).json as Record<string, unknown>;
    expect(fresh).toMatchObject({
      status: 'live',
      match: { id: 'W2-1' },
      home: { name: over.teams.find((x) => x.id === semi.away)!.name },
    });
    // The old final's game stays as it was played; its result moves nothing any more.
    const old = (await s.get(`/api/games/${final.gameId}/state`)).json as Record<string, unknown>;
    expect(old).toMatchObject({ status: 'final', match: { id: 'W2-1' } });

    await pagesShow(t.id, 'Fix 1');
    await win(recalled.gameId!, 'away');
    expect(await read(t.id)).toMatchObject({ status: 'final', champion: recalled.away });
  });

  it('retires the game of a called final it voids, and calls the final again with a new game', async () => {
    const t = await create({ teams: teams(4, 'Void'), boards: [13, 14] });
    const base = `/api/tournaments/${t.id}`;
    const live = await ok(`${base}/start`);
    await win(matchOf(live, 'W1-1').gameId!, 'home');
    await win(matchOf(live, 'W1-2').gameId!, 'home');
    const calledFinal = matchOf(await read(t.id), 'W2-1');
    expect(calledFinal.status).toBe('called');
    const semi = matchOf(await read(t.id), 'W1-1');
    const preview = await post(`${base}/matches/W1-1/result`, { winner: semi.away, preview: true });
    expect(preview.json).toEqual({ voids: ['W2-1'] });
    const corrected = await ok(`${base}/matches/W1-1/result`, { winner: semi.away });
    const final = matchOf(corrected, 'W2-1');
    expect(final).toMatchObject({ status: 'called', home: semi.away });
    expect(final.gameId).not.toBe(calledFinal.gameId);
    expect((await s.get(`/api/games/${calledFinal.gameId}/state`)).status).toBe(404);
    const game = (await s.get(`/api/games/${final.gameId}/state`)).json as Record<string, unknown>;
    expect(game).toMatchObject({ status: 'live', board: final.board, match: { id: 'W2-1', label: 'Final' } });
  });
});

describe('switch partners', () => {
  it('checks players in, takes a late player into the next round and leaves a withdrawn one out of it', async () => {
    const t = await create({
      format: 'round-robin',
      draw: 'switch',
      rounds: 2,
      players: ['Ann', 'Bo', 'Cy', 'Di', 'Ed'],
      boards: [15],
      seed: 3,
    });
    const base = `/api/tournaments/${t.id}`;
    expect((await ok(`${base}/players/p1/check-in`)).checkedIn).toEqual(['p1']);
    expect((await ok(`${base}/players/p1/check-out`)).checkedIn).toEqual([]);
    expectRefused(await post(`${base}/teams`, { name: 'Pair' }), 409, 'draw_tournament');
    const live = await ok(`${base}/start`);
    const late = await ok(`${base}/players`, { name: 'Flo', expectedVersion: live.version });
    expect(late.players.at(-1)).toEqual({ id: 'p6', name: 'Flo', tier: null });
    expectRefused(await post(`${base}/players`, { name: 'flo' }), 400, 'duplicate_player');
    const out = await ok(`${base}/players/p1/withdraw`);
    expectRefused(await post(`${base}/players/p1/withdraw`), 409, 'already_withdrawn');
    expectRefused(await post(`${base}/players/p9/withdraw`), 409, 'unknown_player');
    const first = matchOf(out, 'A1-1');
    if (first.status !== 'done') await win(first.gameId!, 'home');
    const round2 = await read(t.id);
    expect(round2.playersOut).toEqual(['p1']);
    await pagesShow(t.id, 'Flo');
    const drawn = round2.roundsDrawn.find((r) => r.round === 2)!;
    const members = round2.teams.filter((x) => x.id.startsWith('r2-')).flatMap((x) => x.members ?? []);
    expect([...members, ...drawn.sittingOut].sort()).toEqual(['p2', 'p3', 'p4', 'p5', 'p6']);
  });
});
