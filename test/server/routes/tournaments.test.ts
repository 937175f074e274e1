// Tournaments through the API: created and run by the organiser only, their matches played as
// ordinary games on the venue's boards, a finished game advancing the bracket once and calling the
// next match, the refusals a match's game gives (tournament_game), the stream, and the exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type InProcessServer } from '../../kit/server.js';
import { SseClient } from '../../kit/sse.js';
import { until } from '../../kit/until.js';
import { raw } from '../../kit/raw.js';
import { setBoardCount, winGame } from '../../kit/play.js';
import { expectRefused, flashMessage, FORM, keeperCookie } from '../security/helpers.js';

let s: InProcessServer;
beforeAll(async () => {
  s = await startTestServer();
  await setBoardCount(s, 16);
});
afterAll(() => s?.stop());

const organiser = () => ({ Authorization: `Bearer ${s.organiserPin()}` });
const teams = (n: number, prefix = 'Team') =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${i + 1}` }));

interface Match {
  id: string;
  status: string;
  board: number | null;
  gameId: string | null;
  home: string | null;
  away: string | null;
  winner: string | null;
}
interface Tournament {
  id: string;
  version: number;
  status: string;
  matches: Match[];
  teams: Array<{ id: string; name: string }>;
  champion: string | null;
}

async function create(body: Record<string, unknown>): Promise<Tournament> {
  const answer = await s.api(
    'POST',
    '/api/tournaments',
    { name: 'Friday Cup', format: 'single', teams: teams(4), boards: [1, 2], ...body },
    organiser(),
  );
  expect(answer.status, answer.text).toBe(201);
  return answer.json as Tournament;
}

async function tournament(id: string): Promise<Tournament> {
  const answer = await s.get(`/api/tournaments/${id}`);
  expect(answer.status).toBe(200);
  return answer.json as Tournament;
}

const win = (gameId: string, side: 'home' | 'away') => winGame(s, gameId, side);

const called = (t: Tournament) => t.matches.filter((m) => m.status === 'called' || m.status === 'live');

describe('creating and starting', () => {
  it('is the organiser’s: a keeper hears organiser_required and nothing is created', async () => {
    const before = (await s.get('/api/tournaments')).json as unknown[];
    expectRefused(
      await s.api('POST', '/api/tournaments', { name: 'X', format: 'single', teams: teams(4), boards: [1] }),
      403,
      'organiser_required',
    );
    expect((await s.get('/api/tournaments')).json).toEqual(before);
  });

  it('refuses bad input with a 400 naming the problem', async () => {
    const bad = async (body: Record<string, unknown>, code: string) => {
      const base = { name: 'Bad', format: 'single', teams: teams(4), boards: [1] };
      expectRefused(await s.api('POST', '/api/tournaments', { ...base, ...body }, organiser()), 400, code);
    };
    await bad({ boards: [99] }, 'invalid_value');
    await bad({ boards: [17] }, 'bad_board');
    await bad({ teams: [{ name: 'A' }, { name: 'a' }] }, 'duplicate_team');
    await bad({ teams: [{ name: 'A' }] }, 'invalid_value');
    await bad({ format: 'swiss' }, 'invalid_value');
    await bad({ boards: [1, 1] }, 'duplicate_board');
    await bad({ extra: true }, 'unknown_field');
  });

  it('starts: the first matches are called to the boards as games on them, with their match in their state', async () => {
    const t = await create({ name: 'Start Cup', teams: teams(4, 'Start') });
    expect(t).toMatchObject({ status: 'setup', version: 0, matches: [] });
    expect(((await s.get('/api/tournaments')).json as Tournament[]).map((x) => x.id)).toContain(t.id);
    expectRefused(await s.api('POST', `/api/tournaments/${t.id}/start`, {}), 403, 'organiser_required');

    const started = await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser());
    expect(started.status, started.text).toBe(200);
    const live = started.json as Tournament;
    expect(live.status).toBe('live');
    const onBoards = called(live);
    expect(onBoards.map((m) => [m.id, m.board])).toEqual([
      ['W1-1', 1],
      ['W1-2', 2],
    ]);
    for (const m of onBoards) {
      const game = (await s.get(`/api/games/${m.gameId}/state`)).json as Record<string, unknown>;
      expect(game).toMatchObject({
        board: m.board,
        status: 'live',
        tournament: { id: t.id, name: 'Start Cup' },
        match: { id: m.id, label: `Semi-final ${m.id === 'W1-1' ? 1 : 2}` },
        queue: null,
      });
    }
    expectRefused(
      await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser()),
      409,
      'already_started',
    );
  });
});

describe('a finished game advances its tournament', () => {
  it('once: the result is recorded, the next match is called to the freed board, and the final crowns a champion', async () => {
    const t = await create({ name: 'Advance Cup', teams: teams(4, 'Adv'), boards: [3, 4] });
    const live = (await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser())).json as Tournament;
    const stream = await SseClient.open(`${s.url}/tournaments/${t.id}/events?since=${live.version}`);
    expect(stream.status).toBe(200);

    const [semi1, semi2] = called(live);
    await win(semi1!.gameId!, 'home');
    let now = await tournament(t.id);
    expect(now.matches.find((m) => m.id === 'W1-1')).toMatchObject({ status: 'done', winner: semi1!.home });
    // The final waits for the other semi-final.
    expect(now.matches.find((m) => m.id === 'W2-1')!.status).toBe('pending');
    await win(semi2!.gameId!, 'away');
    now = await tournament(t.id);
    const final = now.matches.find((m) => m.id === 'W2-1')!;
    expect(final).toMatchObject({ status: 'called', home: semi1!.home, away: semi2!.away });
    expect([3, 4]).toContain(final.board);
    const finalGame = (await s.get(`/api/games/${final.gameId}/state`)).json as Record<string, unknown>;
    expect(finalGame).toMatchObject({ match: { id: 'W2-1', label: 'Final' }, board: final.board });

    await stream.waitFor(() => stream.ids('state').includes(now.version));
    const last = stream.events.filter((e) => e.event === 'state').at(-1)!;
    expect(JSON.parse(last.data)).toMatchObject({ id: t.id, version: now.version });
    expect(stream.ids('refresh-bracket')).toEqual(stream.ids('state'));

    // An undo of a finished match's game would un-advance the bracket: refused, nothing changes.
    const version = now.version;
    expectRefused(await s.api('POST', `/api/games/${semi1!.gameId}/undo`, {}), 409, 'tournament_game');
    expect((await tournament(t.id)).version).toBe(version);

    // The first bag of the final starts it; its finish ends the tournament.
    const wash = { home: { hole: 0, board: 0 }, away: { hole: 0, board: 0 } };
    expect((await s.api('POST', `/api/games/${final.gameId}/rounds`, wash)).status).toBe(200);
    expect((await tournament(t.id)).matches.find((m) => m.id === 'W2-1')!.status).toBe('live');
    await win(final.gameId!, 'home');
    const over = await tournament(t.id);
    expect(over).toMatchObject({ status: 'final', champion: semi1!.home });
    stream.close();
  });

  it("refuses moving, renaming or removing a match's game with tournament_game", async () => {
    const t = await create({ name: 'Fixed Cup', teams: teams(2, 'Fix'), boards: [5] });
    const live = (await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser())).json as Tournament;
    const gameId = called(live)[0]!.gameId!;
    expectRefused(await s.api('PATCH', `/api/games/${gameId}`, { board: 6 }), 409, 'tournament_game');
    expectRefused(
      await s.api('PATCH', `/api/games/${gameId}`, { home: { name: 'Other' } }),
      409,
      'tournament_game',
    );
    expectRefused(
      await s.api('DELETE', `/api/games/${gameId}`, undefined, organiser()),
      409,
      'tournament_game',
    );
    expect((await s.get(`/api/games/${gameId}/state`)).json).toMatchObject({ board: 5, version: 0 });
  });
});

describe('boards', () => {
  it('a board busy with a game outside the tournament is skipped, and called to once that game ends', async () => {
    const friendly = await s.createGame({ board: 7, home: { name: 'Pub A' }, away: { name: 'Pub B' } });
    const t = await create({ name: 'Shared Cup', teams: teams(4, 'Shr'), boards: [7, 8] });
    const live = (await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser())).json as Tournament;
    expect(called(live).map((m) => m.board)).toEqual([8]);
    await win(friendly.id, 'home');
    const now = await tournament(t.id);
    expect(
      called(now)
        .map((m) => m.board)
        .sort(),
    ).toEqual([7, 8]);
  });

  it('a game outside the tournament removed from its board frees it for the next match', async () => {
    const noShow = await s.createGame({ board: 14, home: { name: 'No A' }, away: { name: 'No B' } });
    const t = await create({ name: 'Removed Cup', teams: teams(2, 'Rem'), boards: [14] });
    const live = (await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser())).json as Tournament;
    expect(called(live)).toEqual([]);
    expect((await s.api('DELETE', `/api/games/${noShow.id}`, undefined, organiser())).status).toBe(204);
    expect(called(await tournament(t.id)).map((m) => m.board)).toEqual([14]);
  });

  it('hold, release, a call by hand and a reassigned call (which takes its game along)', async () => {
    const t = await create({
      name: 'Hand Cup',
      teams: teams(4, 'Hand'),
      boards: [9, 10, 11],
      autoCall: false,
    });
    const id = t.id;
    const post = (path: string, body: unknown = {}) =>
      s.api('POST', `/api/tournaments/${id}${path}`, body, organiser());
    let live = (await post('/start')).json as Tournament;
    expect(called(live)).toEqual([]);
    expect((await post('/boards/9/hold')).status).toBe(200);
    expectRefused(await post('/boards/9/hold'), 409, 'board_held');
    live = (await post('/matches/W1-2/call', { board: 11 })).json as Tournament;
    expect(live.matches.find((x) => x.id === 'W1-2')).toMatchObject({ status: 'called', board: 11 });
    // Ready matches go to the free boards that are not held.
    live = (await post('/call')).json as Tournament;
    const m = live.matches.find((x) => x.id === 'W1-1')!;
    expect(m).toMatchObject({ status: 'called', board: 10 });
    // A call moved by hand (a held board is the organiser's to use) takes its game along.
    live = (await post('/matches/W1-1/reassign', { board: 9 })).json as Tournament;
    expect(live.matches.find((x) => x.id === 'W1-1')!.board).toBe(9);
    expect((await s.get(`/api/games/${m.gameId}/state`)).json).toMatchObject({ board: 9 });
    expectRefused(await post('/matches/W1-1/reassign', { board: 11 }), 409, 'board_busy');
    expectRefused(await post('/matches/W2-1/call', { board: 10 }), 409, 'match_not_ready');
    expect((await post('/boards/9/release')).status).toBe(200);
    expectRefused(await post('/call'), 409, 'nothing_to_call');
    expectRefused(await post('/matches/W9-9/call', { board: 10 }), 409, 'unknown_match');
    expectRefused(await post('/call', { expectedVersion: 0 }), 409, 'version_conflict');
  });
});

describe('the bracket fragment', () => {
  it('is drawn again for every new version (never an older bracket), the same for every phone in between', async () => {
    const t = await create({ name: 'Fragment Cup', teams: teams(2, 'Frag'), boards: [16] });
    const live = (await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser())).json as Tournament;
    const fetch = async () => (await s.get(`/tournaments/${t.id}/bracket`)).text;
    const first = await fetch();
    expect(first).toContain(`data-version="${live.version}"`);
    expect(await fetch()).toBe(first);
    await win(called(live)[0]!.gameId!, 'away');
    const after = await fetch();
    const version = (await tournament(t.id)).version;
    expect(after).toContain(`data-version="${version}"`);
    expect(after).toMatch(/data-status="done"/);
  });
});

describe('keys, streams and files', () => {
  it('a retried create under the same key answers the same and creates one tournament', async () => {
    const body = { name: 'Key Cup', format: 'round-robin', teams: teams(3, 'Key'), boards: [12] };
    const headers = { ...organiser(), 'Idempotency-Key': 'tournament-key-1' };
    const first = await s.api('POST', '/api/tournaments', body, headers);
    const again = await s.api('POST', '/api/tournaments', body, headers);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    const named = ((await s.get('/api/tournaments')).json as Tournament[]).filter(
      (x) => x.id === (first.json as Tournament).id,
    );
    expect(named).toHaveLength(1);
    expectRefused(
      await s.api('POST', '/api/tournaments', { ...body, name: 'Other' }, headers),
      422,
      'idempotency_key_reused',
    );
  });

  it('an unknown tournament is a 404 on every surface', async () => {
    expectRefused(await s.get('/api/tournaments/nope'), 404);
    expectRefused(await s.api('POST', '/api/tournaments/nope/start', {}, organiser()), 404, 'not_found');
    const stream = await SseClient.open(`${s.url}/tournaments/nope/events`);
    expect(stream.status).toBe(404);
    stream.close();
  });

  it('exports a row per match as CSV, and the state with each game as JSON', async () => {
    const t = await create({ name: '=Formula Cup', teams: teams(2, 'Exp'), boards: [13] });
    const live = (await s.api('POST', `/api/tournaments/${t.id}/start`, {}, organiser())).json as Tournament;
    await win(called(live)[0]!.gameId!, 'home');
    const csv = await s.get(`/api/tournaments/${t.id}/export.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^tournament,match,name,bracket,round,home,away,status,winner/);
    expect(lines[1]).toContain("'=Formula Cup,W1-1,Final,winners,1,Exp 1,Exp 2,done,Exp 1,24,0,game,13");
    const json = (await s.get(`/api/tournaments/${t.id}/export.json`)).json as {
      tournament: Tournament;
      games: Record<string, { home: { score: number } }>;
    };
    expect(json.tournament.status).toBe('final');
    expect(json.games['W1-1']!.home.score).toBe(24);
  });
});

describe("the organiser's forms", () => {
  const hostCookie = () => `${s.hostCookie.name}=${s.hostCookie.value}`;
  const post = (path: string, body: string, cookie = hostCookie()) =>
    raw(s.url, path, {
      method: 'POST',
      headers: { 'Content-Type': FORM, Cookie: cookie, Origin: s.url },
      body,
    });

  it('create a tournament from the form, start it and call by hand, each back on the run page with a message', async () => {
    const teamsText = encodeURIComponent('Form A: Ann, Al\nForm B\nForm C\nForm D');
    const created = await post(
      '/host/tournaments',
      `name=Form+Cup&format=single&teams=${teamsText}&board=15&board=16&preset=short&seeding=entered&key=k-form-1`,
    );
    expect(created.status).toBe(303);
    const id = /^\/host\/tournaments\/([\w-]+)$/.exec(created.headers.location ?? '')![1]!;
    expect(flashMessage(created)).toBe(
      'Created Form Cup: 4 teams, single elimination on boards 15 and 16. Start it when the teams are here.',
    );
    const t = await tournament(id);
    expect(t.teams.map((x) => x.name)).toEqual(['Form A', 'Form B', 'Form C', 'Form D']);
    // The same form sent twice (a double tap) makes one tournament.
    const again = await post(
      '/host/tournaments',
      `name=Form+Cup&format=single&teams=${teamsText}&board=15&board=16&preset=short&seeding=entered&key=k-form-1`,
    );
    expect(again.headers.location).toBe(`/host/tournaments/${id}`);

    const started = await post(`/host/tournaments/${id}/start`, `expectedVersion=0&key=k-start-1`);
    expect(flashMessage(started)).toBe(
      'Started Form Cup. Called: Form A vs Form D to board 15; Form B vs Form C to board 16.',
    );
    const stale = await post(`/host/tournaments/${id}/call`, `expectedVersion=0&key=k-call-1`);
    expect(flashMessage(stale)).toMatch(/^The tournament moved on while this page was open/);
    const game = (await tournament(id)).matches.find((m) => m.id === 'W1-1')!.gameId!;
    expect((await s.get(`/api/games/${game}/state`)).json).toMatchObject({ rules: { target: 11 } });
  });

  it('come back with what was typed and the reason when the form is wrong; a keeper may not', async () => {
    const list = (await s.get('/api/tournaments')).json as unknown[];
    const bad = await post('/host/tournaments', `name=Dup+Cup&format=double&teams=A%0Aa&board=1&key=k-bad`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Two teams share the id or the name of');
    expect(bad.text).toContain('Dup Cup');
    const keeper = await keeperCookie(s);
    const refused = await post('/host/tournaments', `name=K&format=single&teams=A%0AB&board=1`, keeper);
    expectRefused(refused, 403, 'organiser_required');
    expect((await s.get('/api/tournaments')).json).toEqual(list);
  });
});

describe("the organiser's forms for a night's changes", () => {
  const hostCookie = () => `${s.hostCookie.name}=${s.hostCookie.value}`;
  const post = (path: string, body: string) =>
    raw(s.url, path, {
      method: 'POST',
      headers: { 'Content-Type': FORM, Cookie: hostCookie(), Origin: s.url },
      body,
    });
  const runPage = async (id: string) =>
    (await raw(s.url, `/host/tournaments/${id}`, { headers: { Cookie: hostCookie() } })).text;
  let n = 0;
  const form = (t: { version: number }, extra = '') =>
    `expectedVersion=${t.version}&key=night-${++n}${extra}`;

  it('create a pools night with a best-of-3 final and a no-show clock; pools that do not fit come back', async () => {
    const lines = encodeURIComponent(Array.from({ length: 8 }, (_, i) => `Pool ${i + 1}`).join('\n'));
    const fields = `name=Pool+Night&format=pools&teams=${lines}&board=9&board=10&preset=short&seeding=entered`;
    const created = await post(
      '/host/tournaments',
      `${fields}&poolSize=4&poolAdvance=2&finalBestOf=3&noShow=10&key=pn-1`,
    );
    expect(created.status).toBe(303);
    const id = /^\/host\/tournaments\/([\w-]+)$/.exec(created.headers.location ?? '')![1]!;
    const made = (await s.get(`/api/tournaments/${id}`)).json as { format: string; options: object };
    expect(made.format).toBe('pools');
    expect(made.options).toMatchObject({
      pools: { size: 4, advance: 2 },
      bestOf: { final: 3 },
      noShowMinutes: 10,
    });

    const list = (await s.get('/api/tournaments')).json as unknown[];
    const tooBig = await post('/host/tournaments', `${fields}&poolSize=4&poolAdvance=5&key=pn-2`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.text).toContain('must give each pool at least 5 to send on');
    expect(tooBig.text).toContain('value="5"');
    const badClock = await post(
      '/host/tournaments',
      `${fields.replace('format=pools', 'format=single')}&noShow=soon&key=pn-3`,
    );
    expect(badClock.status).toBe(400);
    expect(badClock.text).toContain('The no-show clock is a whole number of minutes, or empty for none.');
    expect((await s.get('/api/tournaments')).json).toEqual(list);
  });

  it('create a blind draw with tiers and switch partners from a players list; too few players come back', async () => {
    const players = encodeURIComponent('Ann (A)\nBo (B)\nCy (a)\nDi (B)\nEd (A)\nFay (B)');
    const fields = `format=single&board=7&preset=short&seeding=entered&teams=`;
    const blind = await post(
      '/host/tournaments',
      `name=Blind+Night&${fields}&draw=blind&players=${players}&key=bd-1`,
    );
    expect(blind.status).toBe(303);
    const id = /^\/host\/tournaments\/([\w-]+)$/.exec(blind.headers.location ?? '')![1]!;
    const made = (await s.get(`/api/tournaments/${id}`)).json as {
      options: { draw: string };
      players: Array<{ name: string; tier: string | null }>;
      teams: unknown[];
    };
    expect(made.options.draw).toBe('blind');
    expect(made.teams).toEqual([]);
    expect(made.players.map((p) => `${p.name}/${p.tier}`)).toEqual([
      'Ann/A',
      'Bo/B',
      'Cy/A',
      'Di/B',
      'Ed/A',
      'Fay/B',
    ]);

    const names = encodeURIComponent('Ann\nBo\nCy\nDi\nEd');
    const rr = `name=Switch+Night&format=round-robin&board=8&preset=short&seeding=entered&draw=switch&players=${names}`;
    const sw = await post('/host/tournaments', `${rr}&key=sw-1`);
    expect(sw.status).toBe(303);
    const list = (await s.get('/api/tournaments')).json as unknown[];
    const few = await post('/host/tournaments', `${rr.replace(names, 'Ann%0ABo')}&key=sw-2`);
    expect(few.status).toBe(400);
    expect(few.text).toContain('Enter at least four players, one per line, for a draw.');
    expect(few.text).toContain('value="switch" checked');
    expect((await s.get('/api/tournaments')).json).toEqual(list);
  });

  it('check teams in, refuse a start with one missing, start without them, then seat a late team in the bye', async () => {
    const t = await create({ teams: teams(4, 'Night'), boards: [13, 14] });
    const base = `/host/tournaments/${t.id}`;
    for (const team of ['t1', 't2', 't3']) {
      const at = await tournament(t.id);
      const answer = await post(`${base}/teams/${team}/check-in`, form(at));
      expect(answer.status).toBe(303);
      expect(answer.headers.location).toBe(base);
    }
    expect(flashMessage(await post(`${base}/teams/t1/check-out`, form(await tournament(t.id))))).toBe(
      'Night 1 is checked out: 2 checked in.',
    );
    expect(flashMessage(await post(`${base}/teams/t1/check-in`, form(await tournament(t.id))))).toBe(
      'Night 1 is checked in: 3 checked in.',
    );
    expect(await runPage(t.id)).toContain('Start without the 1 not checked in');

    const before = await tournament(t.id);
    expect(flashMessage(await post(`${base}/start`, form(before)))).toBe(
      'Not checked in: Night 4. Check them in, or start without them.',
    );
    expect(await tournament(t.id)).toEqual(before);
    const started = await post(`${base}/start`, form(before, '&dropUnchecked=1'));
    expect(flashMessage(started)).toMatch(/^Started Friday Cup without Night 4\. Called: /);

    // After the start the run page's late-team form asks for a preview first.
    const live = await tournament(t.id);
    expect(await runPage(t.id)).toContain('Preview the entry');
    const preview = await post(`${base}/teams`, form(live, '&preview=1&name=Late+Comers&player=Jo&player='));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<h1>Enter Late Comers</h1>');
    expect(preview.text).toContain(
      'Late Comers take the bye in Semi-final 1: instead of going through without a game, Night 1 play Late Comers.',
    );
    expect(preview.text).toContain('Final (Night 1 vs to be decided): its teams are worked out again.');
    expect(preview.text).toContain('Nothing has changed yet.');
    expect(preview.text).toContain('Confirm: enter Late Comers');
    expect(preview.text).toContain(`name="expectedVersion" value="${live.version}"`);
    expect(preview.text).toContain('name="player" value="Jo"');
    expect(await tournament(t.id)).toEqual(live);

    const late = await post(
      `${base}/teams`,
      form(await tournament(t.id), '&name=Late+Comers&player=Jo&player='),
    );
    expect(flashMessage(late)).toBe(
      'Late Comers is in: they take the bye of Semi-final 1 (Night 1 vs Late Comers).',
    );
    const full = await tournament(t.id);
    // The confirmed entry did what its preview said: called to that board at once, or waiting for
    // one (the boards are shared with the tests before).
    const seated = full.matches.find((m) => m.id === 'W1-1')!;
    expect(preview.text).toContain(
      seated.status === 'called'
        ? `Semi-final 1 (Night 1 vs Late Comers) is called to board ${seated.board} at once.`
        : 'Semi-final 1 (Night 1 vs Late Comers) waits for a free board.',
    );
    expect(['called', 'ready']).toContain(seated.status);
    expect(full.teams.at(-1)).toMatchObject({ name: 'Late Comers', players: ['Jo'] });
    const refused = await post(`${base}/teams`, form(full, '&name=Later+Still'));
    expect(flashMessage(refused)).toBe(
      'Later Still cannot join: no bye or free seat is left that nothing has been played on. Nothing was changed.',
    );
    const noSlot = await post(`${base}/teams`, form(full, '&preview=1&name=Later+Still'));
    expect(noSlot.status).toBe(303);
    expect(noSlot.headers.location).toBe(base);
    expect(flashMessage(noSlot)).toBe(
      'Later Still cannot join: no bye or free seat is left that nothing has been played on. Nothing was changed.',
    );
    const stale = await post(`${base}/teams`, form(live, '&preview=1&name=Later+Still'));
    expect(flashMessage(stale)).toMatch(/^The tournament moved on while this page was open/);
    expect(await tournament(t.id)).toEqual(full);
  });

  it('withdraw a player of switch partners: the first press says what it forfeits, the second does it', async () => {
    // A board no game of the earlier tests is being played on, so the first match is called to it.
    const games = (await s.get('/api/games')).json as Array<{ board: number | null; status: string }>;
    const busy = new Set(games.filter((g) => g.status === 'live').map((g) => g.board));
    const board = [...Array(16).keys()].map((i) => i + 1).find((b) => !busy.has(b))!;
    const t = await create({
      format: 'round-robin',
      teams: undefined,
      draw: 'switch',
      rounds: 2,
      players: ['Ann', 'Bo', 'Cy', 'Di', 'Ed'],
      boards: [board],
      seed: 3,
    });
    const base = `/host/tournaments/${t.id}`;
    await post(`${base}/start`, form(t));
    const live = (await s.get(`/api/tournaments/${t.id}`)).json as Omit<Tournament, 'teams'> & {
      teams: Array<{ id: string; name: string; members: string[] }>;
      players: Array<{ id: string; name: string }>;
      roundsDrawn: Array<{ sittingOut: string[] }>;
    };
    const m = live.matches.find((x) => x.id === 'A1-1')!;
    const team = live.teams.find((x) => x.id === m.home)!;
    const [gone, partner] = team.members.map((id) => live.players.find((p) => p.id === id)!.name);
    const other = live.teams.find((x) => x.id === m.away)!.name;
    const page = (await runPage(t.id)).replaceAll('&amp;', '&');
    expect(page).toContain('Withdraw a player');
    expect(page).toContain(`Withdraw ${gone}…`);
    expect(page).toContain(
      `Round 1 (${team.name} vs ${other}) goes to ${other} by forfeit; ${partner} loses it with ${gone}. ` +
        `Board ${board} is freed. ${gone} is left out of every later round.`,
    );
    const sitter = live.players.find((p) => p.id === live.roundsDrawn[0]!.sittingOut[0])!.name;
    expect(page).toContain(`${sitter} has no match under way. ${sitter} is left out of every later round.`);
    expect(page).not.toContain('Withdraw a team');

    const out = await post(`${base}/players/${team.members[0]}/withdraw`, form(live));
    expect(flashMessage(out)?.replaceAll('&amp;', '&')).toBe(
      `${gone} withdrew and is left out of every later round. By forfeit: Round 1 goes to ${other}.`,
    );
    const after = await tournament(t.id);
    expect(after.matches.find((x) => x.id === 'A1-1')).toMatchObject({ winner: m.away });
    const twice = await post(`${base}/players/${team.members[0]}/withdraw`, form(after));
    expect(flashMessage(twice)).toBe('The player has withdrawn already.');
    const nobody = await post(`${base}/players/p9/withdraw`, form(after));
    expect(flashMessage(nobody)).toBe('There is no player p9.');
    const stale = await post(`${base}/players/p2/withdraw`, form(live));
    expect(flashMessage(stale)).toMatch(/^The tournament moved on while this page was open/);
    expect(await tournament(t.id)).toEqual(after);
    expect(await runPage(t.id)).not.toContain(`Withdraw ${gone}…`);
  });

  it('forfeit a no-show and undo it, correct a result after its preview, and withdraw a team', async () => {
    const t = await create({ teams: teams(4, 'Ff'), boards: [11, 12], noShowMinutes: 5 });
    const base = `/host/tournaments/${t.id}`;
    await post(`${base}/start`, form(t));
    const page = await runPage(t.id);
    expect(page).toContain('no-show at 5 min');
    expect(page).toContain('Forfeit to Ff 1');

    const bad = await tournament(t.id);
    expect(flashMessage(await post(`${base}/matches/W1-1/forfeit`, form(bad, '&winner=t2')))).toBe(
      'The winner does not play in match W1-1.',
    );
    expect(await tournament(t.id)).toEqual(bad);
    const forfeited = await post(`${base}/matches/W1-1/forfeit`, form(bad, '&winner=t1'));
    expect(flashMessage(forfeited)).toMatch(/^Semi-final 1 \(Ff 1 vs Ff 4\) is forfeited to Ff 1\. /);
    expect((await tournament(t.id)).matches.find((m) => m.id === 'W1-1')).toMatchObject({ winner: 't1' });
    expect(await runPage(t.id)).toContain('Undo forfeit');
    const undone = await post(`${base}/matches/W1-1/unforfeit`, form(await tournament(t.id)));
    expect(flashMessage(undone)).toBe(
      'The forfeit of Semi-final 1 (Ff 1 vs Ff 4) is undone: the match is to be played.',
    );

    const semi = (await tournament(t.id)).matches.find((m) => m.id === 'W1-2')!;
    await win(semi.gameId!, 'home');
    await until(
      async () => (await tournament(t.id)).matches.find((m) => m.id === 'W1-2')!.status === 'done',
      'the semi-final decided',
    );
    const played = await tournament(t.id);
    expect(await runPage(t.id)).toContain('Correct the result');
    const badPoints = await post(`${base}/matches/W1-2/result`, form(played, '&preview=1&winner=t3&home=x'));
    expect(flashMessage(badPoints)).toBe(
      'Give both teams’ points as whole numbers, or leave both empty to keep them.',
    );
    const preview = await post(`${base}/matches/W1-2/result`, form(played, '&preview=1&winner=t3'));
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Correct Semi-final 2');
    expect(preview.text).toMatch(/Corrected:\s+<strong>Ff 3 won, 0–24<\/strong>/);
    expect(preview.text).toContain('Nothing has changed yet.');
    expect(preview.text).toContain('Apply the correction');
    expect(await tournament(t.id)).toEqual(played);
    const applied = await post(`${base}/matches/W1-2/result`, form(played, '&winner=t3'));
    expect(flashMessage(applied)).toBe(
      'Semi-final 2 (Ff 2 vs Ff 3) corrected: Ff 3 won 0–24. Reset: Final (to be decided vs Ff 2): its teams are worked out again.',
    );
    expect((await tournament(t.id)).matches.find((m) => m.id === 'W1-2')).toMatchObject({ winner: 't3' });

    const stale = await post(`${base}/matches/W1-2/result`, form(played, '&winner=t2'));
    expect(flashMessage(stale)).toMatch(/^The tournament moved on while this page was open/);
    expect(await runPage(t.id)).toContain('Withdraw Ff 1…');
    const out = await post(`${base}/teams/t1/withdraw`, form(await tournament(t.id)));
    expect(flashMessage(out)).toBe('Ff 1 withdrew. By forfeit: W1-1 goes to Ff 4.');
    const gone = await tournament(t.id);
    const twice = await post(`${base}/teams/t1/withdraw`, form(gone));
    expect(flashMessage(twice)).toBe('The team has withdrawn already.');
    expect(await tournament(t.id)).toEqual(gone);
    expect(await runPage(t.id)).not.toContain('Undo forfeit');
  });
});
