// PATCH /api/games/{id} (CONTRACT.md): names and board, a versioned write through the one pipeline
// that every open page follows; a game that waits joins its new board's line, a started game moves
// only to a free board (else 409 board_busy); Idempotency-Key as on every write; 400s change nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, WASH, type InProcessServer } from '../../kit/server.js';
import { SseClient } from '../../kit/sse.js';
import { expectRefused, stateText } from '../security/helpers.js';

let s: InProcessServer;
beforeAll(async () => {
  s = await startTestServer();
  // Boards 1..8: each test below takes boards of its own.
  const organiser = { Authorization: `Bearer ${s.organiserPin()}` };
  const boards = await fetch(`${s.url}/host/boards`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...organiser, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'count=12',
  });
  expect(boards.status).toBe(303);
});
afterAll(() => s?.stop());

const patch = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  s.api('PATCH', `/api/games/${id}`, body, headers);
const state = async (id: string) => (await s.get(`/api/games/${id}/state`)).json;

describe('PATCH /api/games/{id}', () => {
  it('renames either team and moves the game, each edit one version more', async () => {
    const g = await s.createGame({ board: 1, home: { name: 'Bag Dadies' }, away: { name: 'Hole Patrl' } });
    const home = await patch(g.id, { home: { name: '  Bag Daddies ' } });
    expect(home.status).toBe(200);
    expect(home.json).toMatchObject({
      version: 1,
      home: { name: 'Bag Daddies' },
      away: { name: 'Hole Patrl' },
    });
    const away = await patch(g.id, { away: { name: 'Hole Patrol' } });
    expect(away.json).toMatchObject({ version: 2, away: { name: 'Hole Patrol' }, board: 1 });
    const moved = await patch(g.id, { board: 2 });
    expect(moved.json).toMatchObject({ version: 3, board: 2, queue: null, status: 'live' });
    const friendly = await patch(g.id, { board: null });
    expect(friendly.json).toMatchObject({ version: 4, board: null });
    const all = await patch(g.id, { home: { name: 'A' }, away: { name: 'B' }, board: 3 });
    expect(all.json).toMatchObject({ version: 5, board: 3, home: { name: 'A' }, away: { name: 'B' } });
    // What the state route and the list say is what the answer said.
    expect(await state(g.id)).toEqual(all.json);
    const listed = (await s.get('/api/games')).json.find((x: { id: string }) => x.id === g.id);
    expect(listed).toMatchObject({ board: 3, version: 5, home: { name: 'A' }, away: { name: 'B' } });
    // The game is board 3's game now; boards 1 and 2 are free.
    const b = (await s.get('/boards/3')).text;
    expect(b).toContain(`data-game="${g.id}"`);
    expect((await s.get('/boards/1')).text).toContain('No game on this board');
  });

  it('moves no version for an edit that changes nothing, and undo keeps the new names', async () => {
    const g = await s.createGame({ board: 4, home: { name: 'Corn Stars' }, away: { name: 'Sack Attack' } });
    await s.api('POST', `/api/games/${g.id}/throws`, { side: 'home', result: 'hole' });
    const same = await patch(g.id, { home: { name: 'Corn Stars' }, board: 4 });
    expect(same.status).toBe(200);
    expect(same.json.version).toBe(1);
    const renamed = await patch(g.id, { home: { name: 'Cornstars' } });
    expect(renamed.json.version).toBe(2);
    const undone = await s.api('POST', `/api/games/${g.id}/undo`);
    expect(undone.json).toMatchObject({ version: 3, home: { name: 'Cornstars', score: 0 }, board: 4 });
    expect(undone.json.round.home).toEqual({ hole: 0, board: 0, miss: 0 });
    // Nothing left to undo: the edit is not a bag.
    expectRefused(await s.api('POST', `/api/games/${g.id}/undo`), 409, 'nothing_to_undo');
  });

  it('refuses to move a started game onto a board with a live game: 409 board_busy, nothing changes', async () => {
    const a = await s.createGame({ board: 5, home: { name: 'A5' }, away: { name: 'B5' } });
    const b = await s.createGame({ board: 6, home: { name: 'A6' }, away: { name: 'B6' } });
    const before = await stateText(s, a.id);
    const busy = await patch(a.id, { board: 6, home: { name: 'Renamed' } });
    expectRefused(busy, 409, 'board_busy');
    expect(busy.json.state).toMatchObject({ id: a.id, board: 5, version: 0 });
    expect(await stateText(s, a.id)).toBe(before);
    // Once board 6's game is over, the board is free.
    await s.api('POST', `/api/games/${b.id}/rounds`, {
      home: { hole: 4, board: 0 },
      away: { hole: 0, board: 0 },
    });
    await s.api('POST', `/api/games/${b.id}/rounds`, {
      home: { hole: 4, board: 0 },
      away: { hole: 0, board: 0 },
    });
    expect((await state(b.id)).status).toBe('final');
    const moved = await patch(a.id, { board: 6 });
    expect(moved.json).toMatchObject({ board: 6, queue: null });
    expect((await s.get('/boards/6')).text).toContain(`data-game="${a.id}"`);
  });

  it('puts a game that has not started at the end of a busy board’s line, and starts it on a free one', async () => {
    const live7 = await s.createGame({ board: 7, home: { name: 'Live 7' }, away: { name: 'Away 7' } });
    const waiting7 = await s.createGame({ board: 7, home: { name: 'Next 7' }, away: { name: 'Away' } });
    await s.createGame({ board: 8, home: { name: 'Live 8' }, away: { name: 'Away 8' } });
    const first8 = await s.createGame({ board: 8, home: { name: 'First in 8' }, away: { name: 'Away' } });
    expect(first8.queue).toEqual({ board: 8, position: 1, playing: { home: 'Live 8', away: 'Away 8' } });
    expect(waiting7.queue).toMatchObject({ board: 7, position: 1 });

    const joined = await patch(waiting7.id, { board: 8 });
    expect(joined.status).toBe(200);
    expect(joined.json).toMatchObject({
      board: 8,
      version: 1,
      status: 'live',
      queue: { board: 8, position: 2, playing: { home: 'Live 8', away: 'Away 8' } },
    });
    // A waiting game refuses bags wherever it waits.
    expectRefused(
      await s.api('POST', `/api/games/${waiting7.id}/throws`, { side: 'home', result: 'hole' }),
      409,
      'not_started',
    );
    // Board 7 is still playing; board 9 is free: the game starts there at once.
    expect((await state(live7.id)).queue).toBeNull();
    const started = await patch(waiting7.id, { board: 9 });
    expect(started.json).toMatchObject({ board: 9, queue: null });
    expect(
      (await s.api('POST', `/api/games/${waiting7.id}/throws`, { side: 'home', result: 'hole' })).status,
    ).toBe(200);
    // The one that waited first on board 8 is still first.
    expect((await state(first8.id)).queue).toMatchObject({ position: 1 });
  });

  it('is followed live: the game stream gets the new version, the venue stream the boards', async () => {
    const g = await s.createGame({ board: 10, home: { name: 'Watched' }, away: { name: 'Team' } });
    const waiting = await s.createGame({ board: 10, home: { name: 'Waits' }, away: { name: 'Here' } });
    const game = await SseClient.open(`${s.url}/games/${g.id}/events?since=0`);
    const queued = await SseClient.open(`${s.url}/games/${waiting.id}/events?since=0`);
    const venue = await SseClient.open(`${s.url}/events`);
    await venue.waitFor((e) => e.some((x) => x.event === 'refresh-games'));
    venue.events.length = 0;

    await patch(g.id, { away: { name: 'Team B' } });
    await game.waitFor((e) => e.some((x) => x.event === 'state' && x.id === '1'));
    const sent = JSON.parse(game.events.find((x) => x.event === 'state')!.data);
    expect(sent).toMatchObject({ version: 1, away: { name: 'Team B' } });
    expect(game.events.map((x) => x.event)).toEqual(['refresh-scoreboard', 'state']);
    await venue.waitFor((e) => e.some((x) => x.event === 'refresh-board-10'));
    // The waiting game's pages hear who its board is playing now, under the version they have.
    await queued.waitFor((e) =>
      e.some((x) => x.event === 'state' && JSON.parse(x.data).queue?.playing?.away === 'Team B'),
    );
    expect(queued.ids('state').every((id) => id === 0)).toBe(true);

    // A move changes the set of games on the boards.
    await patch(g.id, { board: 11 });
    await venue.waitFor((e) => e.some((x) => x.event === 'refresh-games'));
    // Board 10 is free now; its waiting game hears it (the host starts it when the teams are there).
    await queued.waitFor((e) =>
      e.some((x) => x.event === 'state' && JSON.parse(x.data).queue?.playing === null),
    );
    for (const c of [game, queued, venue]) c.close();
  });

  it('answers a retry under the same Idempotency-Key with the first answer, and refuses the key for another body', async () => {
    const g = await s.createGame({ board: 12, home: { name: 'Key' }, away: { name: 'Holders' } });
    const key = randomUUID();
    const first = await patch(g.id, { home: { name: 'Keys' } }, { 'Idempotency-Key': key });
    expect(first.json.version).toBe(1);
    await s.api('POST', `/api/games/${g.id}/throws`, { side: 'home', result: 'hole' });
    const again = await patch(g.id, { home: { name: 'Keys' } }, { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect((await state(g.id)).version).toBe(2);
    expectRefused(
      await patch(g.id, { home: { name: 'Other' } }, { 'Idempotency-Key': key }),
      422,
      'idempotency_key_reused',
    );
    // A refusal is kept too: the retry of a 409 is the 409.
    const conflictKey = randomUUID();
    const conflict = await patch(
      g.id,
      { home: { name: 'Late' }, expectedVersion: 0 },
      { 'Idempotency-Key': conflictKey },
    );
    expectRefused(conflict, 409, 'version_conflict');
    expect(
      (await patch(g.id, { home: { name: 'Late' }, expectedVersion: 0 }, { 'Idempotency-Key': conflictKey }))
        .text,
    ).toBe(conflict.text);
    expect((await state(g.id)).home.name).toBe('Keys');
  });

  it('refuses bad fields with 400 and a code, changing nothing', async () => {
    const g = await s.createGame({ board: 1, home: { name: 'Strict' }, away: { name: 'Fields' } });
    const before = await stateText(s, g.id);
    const cases: Array<[unknown, string]> = [
      [{}, 'missing_field'],
      [{ home: { name: '' } }, 'invalid_value'],
      [{ home: { name: '   ' } }, 'invalid_value'],
      [{ away: { name: 'x'.repeat(41) } }, 'invalid_value'],
      [{ home: { name: 'A', players: ['P'] } }, 'unknown_field'],
      [{ home: 'A' }, 'wrong_type'],
      [{ board: 0 }, 'invalid_value'],
      [{ board: 2.5 }, 'wrong_type'],
      [{ board: '2' }, 'wrong_type'],
      [{ status: 'final' }, 'unknown_field'],
      [{ home: { name: 'Bell\u0007' } }, 'invalid_value'],
      [{ board: 2, expectedVersion: -1 }, 'invalid_value'],
    ];
    for (const [body, code] of cases) expectRefused(await patch(g.id, body), 400, code);
    expectRefused(await patch(g.id, '{"home":'), 400, 'malformed_json');
    // A board beyond the venue's count is the venue's 400.
    expectRefused(await patch(g.id, { board: 40 }), 400, 'bad_board');
    expect(await stateText(s, g.id)).toBe(before);
  });

  it('is a keeper’s write: 401 without a PIN, 404 for an unknown game, 409 for an old expectedVersion', async () => {
    const g = await s.createGame({ board: 2, home: { name: 'Keeper' }, away: { name: 'Only' } });
    expectRefused(await s.api('PATCH', `/api/games/${g.id}`, { home: { name: 'X' } }, {}, false), 401);
    expectRefused(await patch('nosuchgame', { home: { name: 'X' } }), 404, 'not_found');
    await s.api('POST', `/api/games/${g.id}/rounds`, WASH);
    expectRefused(await patch(g.id, { home: { name: 'X' }, expectedVersion: 0 }), 409, 'version_conflict');
    const ok = await patch(g.id, { home: { name: 'X' }, expectedVersion: 1 });
    expect(ok.json).toMatchObject({ version: 2, home: { name: 'X' } });
    // The organiser may edit as well.
    const organiser = await patch(
      g.id,
      { away: { name: 'Y' } },
      { Authorization: `Bearer ${s.organiserPin()}` },
    );
    expect(organiser.json.version).toBe(3);
  });
});
