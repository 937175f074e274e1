// Organiser and keepers (CONTRACT.md "Who may do what"): the host window's session survives every
// keeper and phone action, a keeper asking for an organiser action hears 403 organiser_required and
// nothing changes, a keeper's /host carries neither PIN nor the venue's controls, a logged-out cookie
// is refused at once (on every instance of the database), and DELETE /api/games/{id}.
import { afterEach, describe, expect, it } from 'vitest';
import { raw } from '../../kit/raw.js';
import { startTestServer, type InProcessServer as TestServer, type StartOptions } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import { SseClient } from '../../kit/sse.js';
import { FORM, expectRefused, flashMessage, keeperCookie, stateText } from './helpers.js';

const running: TestServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(overrides: Omit<StartOptions, 'child'> = {}): Promise<TestServer> {
  const s = await startTestServer({ ...overrides, child: false });
  running.push(s);
  return s;
}

const hostCookieOf = (s: TestServer) => `${s.hostCookie.name}=${s.hostCookie.value}`;

/** A form post from the server's own page with a session cookie. */
const formPost = (s: TestServer, path: string, cookie: string, body = '') =>
  raw(s.url, path, {
    method: 'POST',
    headers: { 'Content-Type': FORM, Cookie: cookie, Origin: s.url },
    body,
  });

const hostPage = (s: TestServer, cookie: string) => raw(s.url, '/host', { headers: { Cookie: cookie } });

/** Every organiser action, as a form or API request a keeper might try. */
function organiserActions(gameId: string) {
  return [
    { method: 'POST', path: '/host/pin', body: 'pin=97531' },
    { method: 'POST', path: '/host/organiser-pin', body: 'pin=97531' },
    { method: 'POST', path: '/host/sign-out-all', body: '' },
    { method: 'POST', path: '/host/boards', body: 'count=9' },
    // A malformed count: the role is checked before the body.
    { method: 'POST', path: '/host/boards', body: 'count=nonsense' },
    { method: 'DELETE', path: `/api/games/${gameId}`, body: '' },
    // A game that does not exist: 403 comes before 404.
    { method: 'DELETE', path: '/api/games/nosuchgame', body: '' },
    { method: 'POST', path: `/api/games/${gameId}/queue`, body: '{"position":1}' },
    // A malformed body: the role first, again.
    { method: 'POST', path: `/api/games/${gameId}/queue`, body: '{"position":"first"}' },
  ];
}

describe('the host window', () => {
  it('stays signed in as the organiser through a sign-out-all and a PIN change made from a phone', async () => {
    // The keeper PIN kept in DATA_DIR, so the console can change it.
    const s = await start({ keeperPin: undefined });
    const host = hostCookieOf(s);
    const phoneOrganiser = await keeperCookie(s, s.organiserPin());
    const keeper = await keeperCookie(s, s.keeperPin());

    const out = await formPost(s, '/host/sign-out-all', phoneOrganiser);
    expect(out.status).toBe(303);
    const changed = await formPost(s, '/host/pin', phoneOrganiser, 'pin=112233');
    expect(changed.status).toBe(303);
    const organiserChanged = await formPost(s, '/host/organiser-pin', phoneOrganiser, 'pin=445566');
    expect(organiserChanged.status).toBe(303);

    const page = await hostPage(s, host);
    expect(page.status).toBe(200);
    expect(page.text).toContain('action="/host/sign-out-all"');
    expect(page.text).toContain('>112233<');
    expect(page.text).toContain('>445566<');
    // The window still does the organiser's work, with no new cookie needed.
    const boards = await formPost(s, '/host/boards', host, 'count=6');
    expect(boards.status).toBe(303);
    expect(flashMessage(boards)).toContain('6 boards');
    // The keeper signed in before the sign-out is out.
    expectRefused(
      await raw(s.url, '/api/games', {
        method: 'POST',
        headers: { Cookie: keeper, Origin: s.url, 'Content-Type': 'application/json' },
        body: '{"home":{"name":"A"},"away":{"name":"B"}}',
      }),
      401,
      'keeper_required',
    );
  });

  it('cannot be signed out by the organiser PIN changing either, and its secret is not a PIN', async () => {
    const s = await start();
    const host = hostCookieOf(s);
    expect(s.hostCookie.value).not.toBe(s.organiserPin());
    const wrong = await raw(s.url, '/api/games/x/undo', {
      method: 'POST',
      headers: { Authorization: `Bearer ${s.hostCookie.value}` },
    });
    expectRefused(wrong, 401, 'wrong_pin');
    await formPost(s, '/host/organiser-pin', host, 'pin=24680');
    expect((await hostPage(s, host)).text).toContain('>24680<');
  });
});

describe('a keeper asking for an organiser action', () => {
  it('gets 403 organiser_required, by PIN or by cookie, and nothing changes', async () => {
    const s = await start();
    const game = await s.createGame({ board: 1 });
    await s.api('POST', `/api/games/${game.id}/throws`, { side: 'home', result: 'hole' });
    const before = await stateText(s, game.id);
    const other = await keeperCookie(s);
    const cookie = await keeperCookie(s);
    const pins = [s.pin, s.organiserPin()];
    const boards = (await s.get('/boards')).text;

    for (const a of organiserActions(game.id)) {
      const headers = { 'Content-Type': FORM };
      const byPin = await raw(s.url, a.path, {
        method: a.method,
        headers: { ...headers, Authorization: `Bearer ${TEST_PIN}` },
        body: a.body,
      });
      expectRefused(byPin, 403, 'organiser_required');
      const byCookie = await raw(s.url, a.path, {
        method: a.method,
        headers: { ...headers, Cookie: cookie, Origin: s.url },
        body: a.body,
      });
      expectRefused(byCookie, 403, 'organiser_required');
    }

    expect(await stateText(s, game.id)).toBe(before);
    expect([s.pin, s.organiserPin()]).toEqual(pins);
    expect((await s.get('/boards')).text).toBe(boards);
    // Nobody was signed out.
    for (const c of [other, cookie]) expect((await hostPage(s, c)).status).toBe(200);
  });

  it('still scores: games, bags, rounds, undo and starting a board’s next game are a keeper’s', async () => {
    const s = await start();
    const cookie = await keeperCookie(s);
    const first = await s.createGame({ board: 2, rules: { target: 3 } });
    await s.api('POST', `/api/games/${first.id}/rounds`, {
      home: { hole: 1, board: 0 },
      away: { hole: 0, board: 0 },
    });
    const queued = await s.createGame({ board: 2 });
    const next = await formPost(s, '/host/boards/2/next', cookie);
    expect(next.status).toBe(303);
    expect((await s.get(`/api/games/${queued.id}/state`)).status).toBe(200);
    const undo = await raw(s.url, `/api/games/${first.id}/undo`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: s.url },
    });
    expect(undo.status).toBe(200);
  });
});

describe('the host console', () => {
  it('shows a keeper neither PIN nor the venue’s controls, and the organiser both', async () => {
    const s = await start({ keeperPin: undefined });
    const keeperPin = s.keeperPin();
    const keeper = await keeperCookie(s, keeperPin);
    const page = await hostPage(s, keeper);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in as a keeper');
    expect(page.text).not.toContain(s.organiserPin());
    expect(page.text).not.toContain(keeperPin);
    expect(page.text).not.toContain('class="pin');
    for (const action of ['/host/pin', '/host/organiser-pin', '/host/sign-out-all', '/host/boards"']) {
      expect(page.text, action).not.toContain(`action="${action}`);
    }
    // What a keeper does is there: new games, starting a board's next game, results.
    expect(page.text).toContain('action="/host/games"');
    expect(page.text).toContain('href="/api/export.json"');

    for (const organiser of [hostCookieOf(s), await keeperCookie(s, s.organiserPin())]) {
      const full = await hostPage(s, organiser);
      expect(full.text).toContain(`>${s.organiserPin()}<`);
      expect(full.text).toContain(`>${keeperPin}<`);
      for (const action of ['/host/pin', '/host/organiser-pin', '/host/sign-out-all', '/host/boards']) {
        expect(full.text, action).toContain(`action="${action}"`);
      }
    }
  });

  it('says who a PIN change and a sign-out end, and refuses one PIN for both roles', async () => {
    const s = await start({ keeperPin: undefined });
    const organiser = await keeperCookie(s, s.organiserPin());
    await keeperCookie(s, s.keeperPin());
    await keeperCookie(s, s.keeperPin());
    const page = await hostPage(s, organiser);
    expect(page.text).toContain('2 keepers signed in now');
    const taken = [
      await formPost(s, '/host/pin', organiser, `pin=${s.organiserPin()}`),
      await formPost(s, '/host/organiser-pin', organiser, `pin=${s.keeperPin()}`),
    ];
    for (const a of taken) expectRefused(a, 409, 'pin_taken');
    const fixed = await start({ organiserPin: '11223344' });
    const fixedHost = hostCookieOf(fixed);
    expectRefused(await formPost(fixed, '/host/pin', fixedHost, 'pin=55555'), 409, 'pin_fixed');
    expectRefused(await formPost(fixed, '/host/organiser-pin', fixedHost, 'pin=55555'), 409, 'pin_fixed');
    const changed = await formPost(s, '/host/organiser-pin', hostCookieOf(s), 'pin=55667788');
    expect(flashMessage(changed)).toBe(
      'Organiser PIN changed. Signed out 1 other organiser phone; you and the host laptop stay signed in.',
    );
    expect((await hostPage(s, organiser)).status).toBe(303);
  });
});

describe('logging out', () => {
  it('ends the session at once: the same cookie is refused with 401, on every instance', async () => {
    const a = await start();
    const b = await start({ dataDir: a.dataDir });
    const cookie = await keeperCookie(a);
    const write = (s: TestServer) =>
      raw(s.url, '/api/games', {
        method: 'POST',
        headers: { Cookie: cookie, Origin: s.url, 'Content-Type': 'application/json' },
        body: '{"home":{"name":"A"},"away":{"name":"B"}}',
      });
    expect((await write(b)).status).toBe(201);
    const out = await formPost(a, '/keeper/logout', cookie);
    expect(out.status).toBe(303);
    for (const s of [a, b]) {
      expectRefused(await write(s), 401, 'keeper_required');
      expect((await hostPage(s, cookie)).status).toBe(303);
    }
  });
});

describe('DELETE /api/games/{id}', () => {
  it('answers 204 to the organiser; the game is gone from every surface and its streams end', async () => {
    const s = await start();
    const game = await s.createGame({ board: 1 });
    const kept = await s.createGame({ board: 2 });
    const stream = await SseClient.open(`${s.url}/games/${game.id}/events`);
    const venue = await SseClient.open(`${s.url}/events`);
    expect(stream.status).toBe(200);
    const organiser = { Authorization: `Bearer ${s.organiserPin()}`, 'Idempotency-Key': 'remove-1' };

    const removed = await raw(s.url, `/api/games/${game.id}`, { method: 'DELETE', headers: organiser });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    await stream.waitForEnd();
    expect(stream.ended).toBe(true);
    await venue.waitFor((events) => events.some((e) => e.event === 'refresh-games'));
    venue.close();

    for (const path of [
      `/api/games/${game.id}/state`,
      `/games/${game.id}`,
      `/games/${game.id}/scoreboard`,
      `/games/${game.id}/events`,
      `/api/games/${game.id}/export.csv`,
    ]) {
      expectRefused(await s.get(path, { Accept: 'application/json' }), 404, 'not_found');
    }
    expect((await s.get('/api/games')).json.map((g: { id: string }) => g.id)).toEqual([kept.id]);
    expect((await s.get('/boards')).text).not.toContain(game.id);
    expect((await s.get('/api/export.json')).text).not.toContain(game.id);
    expectRefused(await s.api('POST', `/api/games/${game.id}/throws`, { side: 'home', result: 'hole' }), 404);

    // The same key answers 204 again; without it, the game is simply not there.
    const again = await raw(s.url, `/api/games/${game.id}`, { method: 'DELETE', headers: organiser });
    expect(again.status).toBe(204);
    const bare = { Authorization: `Bearer ${s.organiserPin()}` };
    expectRefused(await raw(s.url, `/api/games/${game.id}`, { method: 'DELETE', headers: bare }), 404);
    // The organiser's cookie (the host window) removes too; the other game is untouched.
    const byHost = await raw(s.url, `/api/games/${kept.id}`, {
      method: 'DELETE',
      headers: { Cookie: hostCookieOf(s), Origin: s.url },
    });
    expect(byHost.status).toBe(204);
  });

  it('frees the board: a game queued behind the removed one can start', async () => {
    const s = await start();
    const live = await s.createGame({ board: 3 });
    const queued = await s.createGame({ board: 3 });
    expect((await s.get('/boards/3')).text).toContain('Next up');
    const removed = await raw(s.url, `/api/games/${live.id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${s.organiserPin()}` },
    });
    expect(removed.status).toBe(204);
    const next = await raw(s.url, '/host/boards/3/next', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_PIN}` },
    });
    expect(next.status).toBe(303);
    const state = await s.api('POST', `/api/games/${queued.id}/throws`, { side: 'home', result: 'hole' });
    expect(state.status).toBe(200);
  });
});
