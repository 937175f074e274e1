// The keeper PIN through a real server: kept in DATA_DIR (KEEPER_PIN overrides), shown and changed on
// the organiser's host page, wrong PINs locked out per address (loopback included) with 429 +
// Retry-After, and session cookies that are HttpOnly, SameSite=Strict, random, expiring and ended by
// a PIN change (the host window's excepted).
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../server/auth.js';
import { scratchRoot } from '../../kit/files.js';
import { raw } from '../../kit/raw.js';
import { startTestServer, type InProcessServer as TestServer, type StartOptions } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import {
  FORM,
  expectRefused,
  flashMessage,
  keeperCookie,
  setCookies,
  stateText,
  writeRoutes,
} from './helpers.js';

const running: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function start(overrides: Omit<StartOptions, 'child'> = {}): Promise<TestServer> {
  const s = await startTestServer({ ...overrides, child: false });
  running.push(s);
  return s;
}

function dataDir(): string {
  const d = mkdtempSync(join(scratchRoot(), 'bagtrax-pin-'));
  dirs.push(d);
  return d;
}

const hostCookieOf = (s: TestServer) => `${s.hostCookie.name}=${s.hostCookie.value}`;

/** The PIN as the host page shows it. */
async function shownPin(s: TestServer, cookie = hostCookieOf(s)): Promise<string> {
  const page = await raw(s.url, '/host', { headers: { Cookie: cookie } });
  expect(page.status).toBe(200);
  return /<p class="pin" data-role="keeper">(\d+)<\/p>/.exec(page.text)![1]!;
}

/** A cookie-session form post from the server's own page. */
function hostPost(s: TestServer, path: string, cookie: string, body = '') {
  return raw(s.url, path, {
    method: 'POST',
    headers: { 'Content-Type': FORM, Cookie: cookie, Origin: s.url },
    body,
  });
}

const undo = (s: TestServer, id: string, headers: Record<string, string>) =>
  raw(s.url, `/api/games/${id}/undo`, { method: 'POST', headers: { Origin: s.url, ...headers } });

describe('wrong PINs from one address', () => {
  it('answers 401 ten times, then 429 with Retry-After even to the right PIN, and records nothing', async () => {
    const s = await start();
    const game = await s.createGame();
    const before = await stateText(s, game.id);
    const answers = [];
    for (let i = 0; i < 50; i++) answers.push(await undo(s, game.id, { Authorization: 'Bearer 0000' }));
    answers.slice(0, 10).forEach((a) => expectRefused(a, 401, 'wrong_pin'));
    for (const a of answers.slice(10)) {
      expectRefused(a, 429, 'too_many_attempts');
      const wait = Number(a.headers['retry-after']);
      expect(Number.isInteger(wait) && wait > 0 && wait <= 300).toBe(true);
      expect(a.json.error).toContain(String(wait));
    }
    const right = await undo(s, game.id, { Authorization: `Bearer ${TEST_PIN}` });
    expectRefused(right, 429, 'too_many_attempts');
    // A forwarded-for header is not trusted: the address is the connection's.
    const forwarded = await undo(s, game.id, {
      Authorization: `Bearer ${TEST_PIN}`,
      'X-Forwarded-For': '10.1.2.3',
      'X-Real-IP': '10.1.2.3',
    });
    expectRefused(forwarded, 429, 'too_many_attempts');
    // Every route with a PIN answers 429 now; only a foreign Host (403) and a big body (413) come first.
    for (const w of writeRoutes(game.id)) {
      const headers = { Authorization: `Bearer ${TEST_PIN}`, 'Content-Type': w.type };
      expectRefused(await raw(s.url, w.path, { method: 'POST', headers, body: w.body }), 429);
      expectRefused(await raw(s.url, w.path, { method: 'POST', headers, body: 'x'.repeat(70_000) }), 413);
      const foreign = { ...headers, Host: 'evil.example' };
      expectRefused(await raw(s.url, w.path, { method: 'POST', headers: foreign, body: w.body }), 403);
    }
    expectRefused(await raw(s.url, '/host', { headers: { Authorization: `Bearer ${TEST_PIN}` } }), 429);
    const login = await raw(s.url, '/keeper/login', {
      method: 'POST',
      headers: { 'Content-Type': FORM, Origin: s.url },
      body: `pin=${TEST_PIN}`,
    });
    expectRefused(login, 429, 'too_many_attempts');
    expect(login.headers['retry-after']).toMatch(/^\d+$/);
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(await stateText(s, game.id)).toBe(before);
  });

  it('counts the login form and Bearer attempts together, and a signed-in keeper keeps working', async () => {
    const s = await start();
    const game = await s.createGame();
    const cookie = await keeperCookie(s);
    for (let i = 0; i < 5; i++) {
      const a = await raw(s.url, '/keeper/login', {
        method: 'POST',
        headers: { 'Content-Type': FORM, Origin: s.url, Accept: 'text/html' },
        body: 'pin=1111&next=/',
      });
      expect(a.status).toBe(401);
      expect(a.text).toContain('That PIN is not right');
    }
    const script = await raw(s.url, '/keeper/login', {
      method: 'POST',
      headers: { 'Content-Type': FORM, Origin: s.url },
      body: 'pin=1111',
    });
    expectRefused(script, 401, 'wrong_pin');
    for (let i = 0; i < 4; i++)
      expect((await undo(s, game.id, { Authorization: 'Bearer 1' })).status).toBe(401);
    expectRefused(await undo(s, game.id, { Authorization: 'Bearer 1' }), 429);
    // The session already granted is not a PIN attempt: it still writes.
    const throwAnswer = await raw(s.url, `/api/games/${game.id}/throws`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: s.url, 'Content-Type': 'application/json' },
      body: '{"side":"home","result":"hole"}',
    });
    expect(throwAnswer.status).toBe(200);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, scoped to the site, expiring and random per login', async () => {
    const s = await start();
    const res = await fetch(`${s.url}/keeper/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': FORM, Origin: s.url },
      body: `pin=${TEST_PIN}&next=/host`,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/host');
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(set).toMatch(/;\s*httponly/i);
    expect(set).toMatch(/;\s*samesite=strict/i);
    expect(set).toMatch(/;\s*path=\/(;|$)/i);
    expect(set).toMatch(/;\s*expires=/i);
    const other = await keeperCookie(s);
    expect(other).not.toBe(set.split(';')[0]);
    expect(set.split(';')[0]!.length).toBeGreaterThan(SESSION_COOKIE.length + 40);
  });

  it('never redirects a login to another site', async () => {
    const s = await start();
    for (const next of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
    ]) {
      const res = await fetch(`${s.url}/keeper/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': FORM, Origin: s.url },
        body: `pin=${TEST_PIN}&next=${encodeURIComponent(next)}`,
      });
      // Not there: where a keeper lands after signing in, the boards.
      expect(res.headers.get('location'), next).toBe('/');
    }
  });
});

describe('the PIN kept in DATA_DIR', () => {
  it('is generated once, shown on the host page, and the same after a restart', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir, keeperPin: undefined });
    const pin = await shownPin(first);
    expect(pin).toMatch(/^\d{6}$/);
    const game = await first.createGame().catch(() => null);
    expect(game).toBeNull(); // the test PIN is not this venue's PIN
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const again = await start({ dataDir: dir, keeperPin: undefined });
    expect(await shownPin(again)).toBe(pin);
    const a = await raw(again.url, '/api/games', {
      method: 'POST',
      headers: { Authorization: `Bearer ${pin}`, 'Content-Type': 'application/json' },
      body: '{"home":{"name":"A"},"away":{"name":"B"}}',
    });
    expect(a.status).toBe(201);
  });

  it('is overridden by KEEPER_PIN, which the host page cannot change', async () => {
    const dir = dataDir();
    const plain = await start({ dataDir: dir, keeperPin: undefined });
    const stored = await shownPin(plain);
    await plain.stop();
    running.splice(running.indexOf(plain), 1);

    const fixed = await start({ dataDir: dir, keeperPin: '97531' });
    expect(await shownPin(fixed)).toBe('97531');
    expectRefused(await undo(fixed, 'x', { Authorization: `Bearer ${stored}` }), 401, 'wrong_pin');
    const change = await hostPost(fixed, '/host/pin', hostCookieOf(fixed), 'pin=112233');
    expectRefused(change, 409, 'pin_fixed');
    expect(await shownPin(fixed)).toBe('97531');
  });

  it('changes from the host page; the change ends every keeper session, never the host window', async () => {
    const s = await start({ dataDir: dataDir(), keeperPin: undefined });
    const oldPin = await shownPin(s);
    const game = await s.createGame().catch(() => null);
    expect(game).toBeNull();
    const phone = await keeperCookie(s, oldPin);
    const host = hostCookieOf(s);

    expectRefused(await hostPost(s, '/host/pin', host, 'pin=12'), 400, 'bad_pin');
    expectRefused(await hostPost(s, '/host/pin', host, 'pin=12ab56'), 400, 'bad_pin');
    expect(await shownPin(s)).toBe(oldPin);

    const changed = await hostPost(s, '/host/pin', host, 'pin=8642');
    expect(changed.status).toBe(303);
    // It says whom it signed out.
    expect(changed.headers.location).toBe('/host');
    expect(flashMessage(changed)).toBe(
      'Keeper PIN changed. Signed out 1 keeper; you and the host laptop stay signed in.',
    );
    expect(setCookies(changed, SESSION_COOKIE)).toEqual([]);
    expect(await shownPin(s, host)).toBe('8642');

    expectRefused(await undo(s, 'x', { Cookie: phone }), 401, 'keeper_required');
    expect((await raw(s.url, '/host', { headers: { Cookie: phone } })).status).toBe(303);
    expectRefused(await undo(s, 'x', { Authorization: `Bearer ${oldPin}` }), 401, 'wrong_pin');
    expectRefused(await undo(s, 'nosuchgame', { Authorization: 'Bearer 8642' }), 404);
    expectRefused(await undo(s, 'nosuchgame', { Cookie: host, Origin: s.url }), 404);
  });

  it('signs every keeper out on request, keeping the one asking and the host window signed in', async () => {
    const s = await start();
    const phone = await keeperCookie(s);
    const organiser = await keeperCookie(s, s.organiserPin());
    const host = hostCookieOf(s);
    const out = await hostPost(s, '/host/sign-out-all', organiser);
    expect(out.status).toBe(303);
    expect(flashMessage(out)).toContain('Signed out 1 keeper;');
    expectRefused(await undo(s, 'x', { Cookie: phone, Origin: s.url }), 401, 'keeper_required');
    for (const still of [organiser, host]) {
      expect((await raw(s.url, '/host', { headers: { Cookie: still } })).status).toBe(200);
    }
    // The PIN itself still works: signing out is not a PIN change.
    expect((await keeperCookie(s)).length).toBeGreaterThan(0);
  });
});
