// Running a night from the host console: restoring a removed game (organiser), reordering and removing
// waiting games, one-time messages that never sit in the URL, the results (table and CSV files named by
// teams and date), friendly games on every venue page, and keepers landing on the boards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLASH_COOKIE } from '../../../server/http/flash.js';
import { raw, type RawAnswer } from '../../kit/raw.js';
import { startTestServer, type InProcessServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import { SseClient } from '../../kit/sse.js';
import { FORM, expectRefused, keeperCookie } from '../security/helpers.js';

let s: InProcessServer;
let host: string;
let keeper: string;
beforeAll(async () => {
  s = await startTestServer();
  host = `${s.hostCookie.name}=${s.hostCookie.value}`;
  keeper = await keeperCookie(s);
  const boards = await form('/host/boards', host, 'count=8');
  expect(boards.status).toBe(303);
});
afterAll(() => s?.stop());

/** A form post from the server's own page with a session cookie. */
function form(path: string, cookie: string, body = ''): Promise<RawAnswer> {
  return raw(s.url, path, {
    method: 'POST',
    headers: { 'Content-Type': FORM, Cookie: cookie, Origin: s.url },
    body,
  });
}

/** The flash cookie a 303 set (`name=value`), if any. */
function flashOf(a: RawAnswer): string | undefined {
  const set = ([] as string[]).concat(a.headers['set-cookie'] ?? []);
  return set.find((c) => c.startsWith(`${FLASH_COOKIE}=`))?.split(';')[0];
}

const page = (path: string, cookie: string) => raw(s.url, path, { headers: { Cookie: cookie } });
const state = async (id: string) => (await s.get(`/api/games/${id}/state`)).json;
const organiserBearer = () => ({ Authorization: `Bearer ${s.organiserPin()}` });

describe('restoring a removed game', () => {
  it('brings it back with its score for the organiser; a keeper may not; its pages said it was removed', async () => {
    const g = await s.createGame({ board: 1, home: { name: 'No Shows' }, away: { name: 'On Time' } });
    await s.api('POST', `/api/games/${g.id}/throws`, { side: 'home', result: 'hole' });
    expect((await s.api('DELETE', `/api/games/${g.id}`, undefined, organiserBearer())).status).toBe(204);

    for (const path of [`/games/${g.id}`, `/keep/${g.id}`]) {
      const gone = await raw(s.url, path, { headers: { Accept: 'text/html', Cookie: keeper } });
      expect(gone.status).toBe(404);
      expect(gone.text).toContain('This game was removed by the organiser.');
    }
    // The organiser's console lists it under "Removed tonight"; a keeper's console does not.
    expect((await page('/host', host)).text).toContain(`action="/host/games/${g.id}/restore"`);
    expect((await page('/host', keeper)).text).not.toContain('Removed tonight');

    expectRefused(await s.api('POST', `/api/games/${g.id}/restore`), 403, 'organiser_required');
    expect((await s.get(`/api/games/${g.id}/state`)).status).toBe(404);

    const venue = await SseClient.open(`${s.url}/events`);
    await venue.waitFor((e) => e.length > 0);
    venue.events.length = 0;
    const back = await s.api('POST', `/api/games/${g.id}/restore`, undefined, organiserBearer());
    expect(back.status).toBe(200);
    expect(back.json).toMatchObject({ id: g.id, version: 1, board: 1, queue: null, home: { score: 0 } });
    expect(back.json.round.home.hole).toBe(1);
    await venue.waitFor((e) => e.some((x) => x.event === 'refresh-games'));
    venue.close();
    expect((await raw(s.url, `/games/${g.id}`)).status).toBe(200);
    expect((await s.get('/boards/1')).text).toContain(`data-game="${g.id}"`);
    // Restoring what is already back changes nothing and says so with the game.
    const twice = await s.api('POST', `/api/games/${g.id}/restore`, undefined, organiserBearer());
    expect(twice.json.version).toBe(1);
    expectRefused(await s.api('POST', '/api/games/nosuchgame/restore', undefined, organiserBearer()), 404);
  });

  it('sends a live game back to the end of the line when its board has a new game meanwhile', async () => {
    const first = await s.createGame({ board: 2, home: { name: 'First' }, away: { name: 'Game' } });
    await s.api('POST', `/api/games/${first.id}/throws`, { side: 'away', result: 'board' });
    await s.api('DELETE', `/api/games/${first.id}`, undefined, organiserBearer());
    const second = await s.createGame({ board: 2, home: { name: 'Second' }, away: { name: 'Game' } });
    expect(second.queue).toBeNull();
    const restored = await form(`/host/games/${first.id}/restore`, host);
    expect(restored.status).toBe(303);
    expect(restored.headers.location).toBe('/host');
    const back = await state(first.id);
    expect(back.queue).toEqual({ board: 2, position: 1, playing: { home: 'Second', away: 'Game' } });
    expect(back.away.score).toBe(0);
    expect(back.round.away.board).toBe(1);
    // A keeper's form is refused and nothing changes.
    const byKeeper = await form(`/host/games/${second.id}/remove`, keeper);
    expect(byKeeper.status).toBe(403);
    expect((await state(second.id)).id).toBe(second.id);
  });
});

describe('a board’s line', () => {
  it('is reordered and thinned by the organiser, and every waiting page hears its new place', async () => {
    const live = await s.createGame({ board: 3, home: { name: 'Playing' }, away: { name: 'Now' } });
    const a = await s.createGame({ board: 3, home: { name: 'A' }, away: { name: 'One' } });
    const b = await s.createGame({ board: 3, home: { name: 'B' }, away: { name: 'Two' } });
    const c = await s.createGame({ board: 3, home: { name: 'C' }, away: { name: 'Three' } });
    expect([a, b, c].map((g) => (g.queue as { position: number }).position)).toEqual([1, 2, 3]);
    const cPage = await SseClient.open(`${s.url}/games/${c.id}/events?since=0`);

    const up = await form('/host/boards/3/queue', host, `game=${c.id}&move=up`);
    expect(up.status).toBe(303);
    expect(up.headers.location).toBe('/host');
    expect((await state(c.id)).queue.position).toBe(2);
    expect((await state(b.id)).queue.position).toBe(3);
    await cPage.waitFor((e) =>
      e.some((x) => x.event === 'state' && JSON.parse(x.data).queue?.position === 2),
    );
    await form('/host/boards/3/queue', host, `game=${c.id}&move=up`);
    expect((await state(c.id)).queue.position).toBe(1);
    // The first can go no further up: nothing changes, and the console says where it is.
    const top = await form('/host/boards/3/queue', host, `game=${c.id}&move=up`);
    expect(top.status).toBe(303);
    expect((await state(c.id)).queue.position).toBe(1);
    await form('/host/boards/3/queue', host, `game=${a.id}&move=down`);
    const positions = async () => Promise.all([a, b, c].map(async (g) => (await state(g.id)).queue.position));
    expect(await positions()).toEqual([3, 2, 1]);

    // A no-show leaves the line: the ones behind move up, live.
    const removed = await form(`/host/games/${c.id}/remove`, host);
    expect(removed.status).toBe(303);
    await cPage.waitForEnd();
    const bNow = await state(b.id);
    expect(bNow.queue).toEqual({ board: 3, position: 1, playing: { home: 'Playing', away: 'Now' } });
    expect((await state(a.id)).queue.position).toBe(2);
    // The organiser's card lists the line in order.
    const card = (await page('/boards/3?variant=host', host)).text;
    expect(card.indexOf(`data-game="${b.id}"`)).toBeLessThan(card.indexOf(`data-game="${a.id}"`));
    expect(card).toContain(`action="/host/games/${a.id}/remove"`);

    // Keepers may not reorder; a game not in this line, or a bad move, is refused.
    expect((await form('/host/boards/3/queue', keeper, `game=${a.id}&move=up`)).status).toBe(403);
    expect((await state(a.id)).queue.position).toBe(2);
    const wrong = await form('/host/boards/3/queue', host, `game=${live.id}&move=up`);
    expect(wrong.status).toBe(303);
    expect(await cookieText(wrong)).toMatch(/not waiting for board 3/);
    expect((await form('/host/boards/3/queue', host, `game=${a.id}&move=sideways`)).status).toBe(400);
  });

  it('takes a waiting game’s place by number from a script (organiser), with its key and version', async () => {
    await s.createGame({ board: 8, home: { name: 'Playing' }, away: { name: 'Now' } });
    const [a, b, c] = await Promise.all(
      ['A', 'B', 'C'].map((n) => s.createGame({ board: 8, home: { name: n }, away: { name: 'Team' } })),
    ).then((gs) =>
      gs.sort(
        (x, y) => (x.queue as { position: number }).position - (y.queue as { position: number }).position,
      ),
    );
    const line = async () => Promise.all([a!, b!, c!].map(async (g) => (await state(g.id)).queue.position));
    const move = (id: string, body: unknown, headers: Record<string, string> = {}) =>
      s.api('POST', `/api/games/${id}/queue`, body, { ...organiserBearer(), ...headers });
    const aPage = await SseClient.open(`${s.url}/games/${a!.id}/events?since=0`);

    const first = await move(c!.id, { position: 1 }, { 'Idempotency-Key': 'line-c-1' });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id: c!.id, version: 0, queue: { board: 8, position: 1 } });
    expect(await line()).toEqual([2, 3, 1]);
    // The games behind hear their new place on their streams, under the version they have.
    await aPage.waitFor((e) =>
      e.some((x) => x.event === 'state' && JSON.parse(x.data).queue?.position === 2),
    );
    aPage.close();

    // Past the end is last; the place it already has changes nothing.
    expect((await move(c!.id, { position: 99 })).json.queue.position).toBe(3);
    expect(await line()).toEqual([1, 2, 3]);
    const same = await move(b!.id, { position: 2, expectedVersion: 0 });
    expect(same.status).toBe(200);
    expect(await line()).toEqual([1, 2, 3]);

    // The same key and body again: the first answer, and nothing moves; another body: refused.
    const again = await move(c!.id, { position: 1 }, { 'Idempotency-Key': 'line-c-1' });
    expect(again.status).toBe(200);
    expect(await line()).toEqual([1, 2, 3]);
    expectRefused(
      await move(c!.id, { position: 2 }, { 'Idempotency-Key': 'line-c-1' }),
      422,
      'idempotency_key_reused',
    );

    // A fixed name moved the game's version: a script that saw the old one is told, with the state.
    await s.api('PATCH', `/api/games/${a!.id}`, { home: { name: 'A-Team' } });
    const stale = await move(a!.id, { position: 3, expectedVersion: 0 });
    expectRefused(stale, 409, 'version_conflict');
    expect(stale.json.state).toMatchObject({ id: a!.id, version: 1, queue: { position: 1 } });

    // Keepers may not; bad bodies are 400s; a game that plays has no place to change.
    expectRefused(
      await s.api('POST', `/api/games/${a!.id}/queue`, { position: 2 }),
      403,
      'organiser_required',
    );
    expectRefused(await move(a!.id, { position: 0 }), 400, 'invalid_value');
    expectRefused(await move(a!.id, { position: 1.5 }), 400, 'wrong_type');
    expectRefused(await move(a!.id, { position: '2' }), 400, 'wrong_type');
    expectRefused(await move(a!.id, {}), 400, 'missing_field');
    expectRefused(await move(a!.id, { position: 2, board: 4 }), 400, 'unknown_field');
    const playing = (await s.get('/api/games')).json.find(
      (g: { board: number; status: string; home: { name: string } }) =>
        g.board === 8 && g.home.name === 'Playing',
    );
    const notWaiting = await move(playing.id, { position: 1 });
    expectRefused(notWaiting, 409, 'not_queued');
    expect(notWaiting.json.state).toMatchObject({ id: playing.id, queue: null });
    expectRefused(await move('nosuchgame', { position: 1 }), 404, 'not_found');
    expect(await line()).toEqual([1, 2, 3]);
  });

  it('lets a keeper start a board’s next game from the boards page, and come back there', async () => {
    const g = await s.createGame({ board: 4, home: { name: 'Done' }, away: { name: 'Soon' } });
    const next = await s.createGame({ board: 4, home: { name: 'Next' }, away: { name: 'Team' } });
    const nextPage = await SseClient.open(`${s.url}/games/${next.id}/events?since=0`);
    for (let i = 0; i < 2; i++) {
      await s.api('POST', `/api/games/${g.id}/rounds`, {
        home: { hole: 4, board: 0 },
        away: { hole: 0, board: 0 },
      });
    }
    const boards = (await page('/', keeper)).text;
    expect(boards).toContain('action="/host/boards/4/next"');
    const started = await form('/host/boards/4/next', keeper, 'back=/');
    expect(started.status).toBe(303);
    expect(started.headers.location).toBe('/');
    expect(await cookieText(started)).toContain('The next game is on: Next vs Team on board 4.');
    expect((await state(next.id)).queue).toBeNull();
    // Its waiting pages hear it start (the same version, no longer in a line).
    await nextPage.waitFor((e) => e.some((x) => x.event === 'state' && JSON.parse(x.data).queue === null));
    expect(nextPage.ids('state').every((id) => id === 0)).toBe(true);
    nextPage.close();
  });
});

/** The message a flash cookie carries, as the page that reads it shows it. */
async function cookieText(a: RawAnswer): Promise<string> {
  const flash = flashOf(a);
  expect(flash, 'a flash cookie').toBeDefined();
  const path = a.headers.location === '/' ? '/' : '/host';
  const shown = await page(path, `${host}; ${flash}`);
  return /<p class="alert[^"]*flash"[^>]*>([^<]*)<\/p>/.exec(shown.text)?.[1] ?? '';
}

describe('one-time messages', () => {
  it('ride on a signed cookie, are shown once, and never sit in the URL', async () => {
    const res = await form('/host/boards', host, 'count=8');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/host');
    const set = ([] as string[])
      .concat(res.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith(FLASH_COOKIE))!;
    expect(set).toMatch(/httponly/i);
    expect(set).toMatch(/samesite=strict/i);
    expect(set).toMatch(/max-age=60|expires=/i);
    const flash = set.split(';')[0]!;

    const shown = await page('/host', `${host}; ${flash}`);
    expect(shown.text).toContain('The venue now has 8 boards.');
    // Reading it clears it: a reload shows no message.
    const cleared = ([] as string[])
      .concat(shown.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith(FLASH_COOKIE))!;
    expect(cleared).toMatch(new RegExp(`^${FLASH_COOKIE}=;`));
    expect((await page('/host', host)).text).not.toContain('The venue now has 8 boards.');
    // The old query string shows nothing, and a forged cookie is ignored.
    expect((await page('/host?msg=Hello%20there', host)).text).not.toContain('Hello there');
    const forged = `${FLASH_COOKIE}=${Buffer.from(JSON.stringify({ m: 'Forged', t: 'ok', e: Date.now() + 60_000 })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAAAA`;
    expect((await page('/host', `${host}; ${forged}`)).text).not.toContain('Forged');
  });
});

describe('results', () => {
  it('lists every finished game with score, board, rounds and duration, and names its CSV by date and teams', async () => {
    const g = await s.createGame({ board: 5, home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } });
    for (let i = 0; i < 3; i++) {
      await s.api('POST', `/api/games/${g.id}/rounds`, {
        home: { hole: 4, board: 0 },
        away: { hole: 1, board: 0 },
      });
    }
    const table = (await page('/host/results', keeper)).text;
    const row = table.slice(table.indexOf(`data-game="${g.id}"`));
    expect(row).toMatch(/Bag Daddies<\/strong>/);
    expect(row).toContain('27–0');
    expect(row).toContain('Board 5');
    expect(row).toMatch(/data-label="Rounds">3</);
    expect(row).toMatch(/data-label="Duration">\d+ min</);

    const csv = await s.get(`/api/games/${g.id}/export.csv`);
    const day = new Date(g.createdAt as string);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="bagtrax-${date}-bag-daddies-vs-hole-patrol.csv"`,
    );
    const all = await s.get('/api/results.csv');
    expect(all.headers.get('content-disposition')).toMatch(
      /^attachment; filename="bagtrax-results-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(all.text.split('\r\n')[0]).toBe(
      'finished,board,home,away,home score,away score,winner,rounds,minutes,game',
    );
    expect(all.text).toContain(`,5,Bag Daddies,Hole Patrol,27,0,Bag Daddies,3,`);
    // Names in other scripts keep their spelling in filename*.
    const u = await s.createGame({ board: 6, home: { name: 'Müller & Sön' }, away: { name: 'Ørsted' } });
    const disposition = (await s.get(`/api/games/${u.id}/export.csv`)).headers.get('content-disposition')!;
    expect(disposition).toContain('filename="bagtrax-');
    expect(disposition).toContain("-muller-son-vs-rsted.csv\"; filename*=UTF-8''");
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toMatch(/müller-sön-vs-ørsted\.csv$/);
  });
});

describe('friendly games and the keepers’ landing', () => {
  it('lists games on no board on the overview, the TV wall and the host console', async () => {
    const f = await s.createGame({ board: null, home: { name: 'Friendly Fire' }, away: { name: 'Pals' } });
    expect(f.queue).toBeNull();
    for (const [path, cookie] of [
      ['/', ''],
      ['/tv', ''],
      ['/host', host],
      ['/friendlies', ''],
    ] as const) {
      const text = (await page(path, cookie)).text;
      // The TV wall has it among the boards, a card of their size; the other pages in their list.
      if (path !== '/tv') expect(text, path).toContain('Friendly games');
      expect(text, path).toContain(`id="friendly-${f.id}"`);
    }
    const venue = await SseClient.open(`${s.url}/events`);
    await venue.waitFor((e) => e.length > 0);
    await s.api('POST', `/api/games/${f.id}/throws`, { side: 'home', result: 'hole' });
    await venue.waitFor((e) => e.some((x) => x.event === 'refresh-friendlies'));
    venue.close();
  });

  it('sends a keeper to the boards after signing in, and the organiser to the console', async () => {
    const signIn = (pin: string, next = '') =>
      fetch(`${s.url}/keeper/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': FORM, Origin: s.url },
        body: `pin=${pin}&next=${encodeURIComponent(next)}`,
      });
    expect((await signIn(TEST_PIN)).headers.get('location')).toBe('/');
    expect((await signIn(s.organiserPin())).headers.get('location')).toBe('/host');
    // A page that asked for the sign-in still gets the keeper back.
    expect((await signIn(TEST_PIN, '/keep/new')).headers.get('location')).toBe('/keep/new');
    // The boards page shows a keeper a big Keep score per game in play, and no venue controls.
    const g = await s.createGame({ board: 7, home: { name: 'Keep' }, away: { name: 'Me' } });
    const boards = (await page('/', keeper)).text;
    expect(boards).toContain(`href="/keep/${g.id}"`);
    expect(boards).toMatch(/class="button button-primary button-wide card-keep"/);
    expect(boards).not.toContain('/host/boards"');
  });
});
