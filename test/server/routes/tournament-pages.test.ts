// The tournament pages through the whole app, over tournament reads held in memory: the list, a
// tournament's page (its stream on a wrapper never swapped, one region morphed on refresh-bracket),
// the region alone in each variant, TV mode, and the organiser's new-tournament form and run page
// (strangers to the login, keepers refused); 404s as the rest of the app gives them; the venue
// pages' tournament sections; nothing of it without the tournament service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLASH_COOKIE } from '../../../server/http/flash.js';
import { tournamentFormValues } from '../../../server/routes/tournament-form.js';
import { newTournamentForm } from '../../../server/views/pages/new-tournament.js';
import { startApp, type TestApp } from '../../kit/app.js';
import { raw, type RawAnswer } from '../../kit/raw.js';
import {
  MemoryTournaments,
  namedTeams,
  sampleNight,
  TournamentLog,
  type SampleNight,
} from '../../kit/tournaments.js';
import { setCookies } from '../security/helpers.js';

let app: TestApp;
let bare: TestApp;
let night: SampleNight;
const tournaments = new MemoryTournaments();

beforeAll(async () => {
  night = sampleNight(Date.now() - 60 * 60_000);
  for (const s of Object.values(night)) tournaments.put(s);
  [app, bare] = await Promise.all([startApp({ tournaments }), startApp()]);
});
afterAll(async () => {
  await Promise.all([app?.stop(), bare?.stop()]);
});

type Who = 'stranger' | 'keeper' | 'organiser';
const get = (path: string, who: Who = 'stranger', headers: Record<string, string> = {}): Promise<RawAnswer> =>
  raw(app.url, path, {
    headers: {
      Accept: 'text/html',
      ...(who === 'stranger'
        ? {}
        : { Authorization: `Bearer ${who === 'keeper' ? app.keeperPin : app.organiserPin}` }),
      ...headers,
    },
  });

describe('GET /tournaments', () => {
  it('lists every tournament with its status and link, live on the venue stream', async () => {
    const res = await get('/tournaments');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/hx-sse:connect="\/events\?since=\d+"/);
    expect(res.text).toContain('hx-trigger="refresh-tournaments from:#live, refresh-games from:#live"');
    for (const s of Object.values(night)) {
      expect(res.text).toContain(`data-tournament="${s.id}" data-status="${s.status}"`);
      expect(res.text).toContain(`href="/tournaments/${s.id}"`);
    }
    expect(res.text).not.toContain('/host/tournaments/new');
    const organiser = await get('/tournaments', 'organiser');
    expect(organiser.text).toContain('href="/host/tournaments/new"');
    expect(organiser.text).toContain(`href="/host/tournaments/${night.double16Midway.id}"`);
  });

  it('serves the list alone for each venue page, the TV with what is in play and no links', async () => {
    const venue = await get('/tournament-list');
    expect(venue.text.trim()).toMatch(/^<section\s+class="t-list t-list-venue"/);
    expect(venue.text).toContain('hx-get="/tournament-list"');
    const tv = await get('/tournament-list?variant=tv', 'organiser');
    expect(tv.text).not.toContain('href=');
    expect(tv.text).not.toContain(`data-tournament="${night.double16Final.id}"`);
    // The host console's list has the organiser's links only for the organiser.
    expect((await get('/tournament-list?variant=host', 'keeper')).text).not.toContain('/host/tournaments/');
    expect((await get('/tournament-list?variant=host', 'organiser')).text).toContain('/host/tournaments/');
  });
});

describe('GET /tournaments/{id}', () => {
  it('opens the stream at its version on a wrapper and refreshes one region by morph', async () => {
    const s = night.double16Midway;
    const res = await get(`/tournaments/${s.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      new RegExp(`<main\\s+id="live"[^>]*hx-sse:connect="/tournaments/${s.id}/events\\?since=${s.version}"`),
    );
    expect(res.text).toContain(`hx-get="/tournaments/${s.id}/bracket"`);
    expect(res.text).toContain('hx-trigger="refresh-bracket from:#live"');
    expect(res.text).toContain('hx-swap="outerMorph"');
    expect(res.text).toContain('x-data="callTimes"');
    expect(res.text).toContain(`href="/api/tournaments/${s.id}/export.csv"`);
    expect(res.text).toContain(`href="/api/tournaments/${s.id}/export.json"`);
    expect(res.text).toContain(`href="/tournaments/${s.id}/tv"`);
    // Every match of the draw is on the page.
    for (const m of s.matches) expect(res.text).toContain(`data-match="${m.id}"`);
  });

  it('answers an unknown or malformed id with the 404 page, or JSON for a script', async () => {
    for (const path of [
      '/tournaments/nope',
      '/tournaments/nope/tv',
      '/tournaments/a%20b',
      '/tournaments/nope/bracket',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
    }
    const page = await get('/tournaments/nope');
    expect(page.text).toContain('There is no such tournament');
    expect(page.headers['content-type']).toContain('text/html');
    const json = await get('/tournaments/nope', 'stranger', { Accept: 'application/json' });
    expect(json.json).toEqual({ error: expect.stringContaining('no such tournament'), code: 'not_found' });
  });
});

describe('GET /tournaments/{id}/bracket', () => {
  it('is the page’s region alone, in the variant asked for', async () => {
    const s = night.single8;
    const page = await get(`/tournaments/${s.id}/bracket`);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text.trim()).toMatch(/^<section\s+id="tournament-live"/);
    expect(page.text).toContain(`data-version="${s.version}"`);
    expect(page.text).toContain('href="/games/');
    const tv = await get(`/tournaments/${s.id}/bracket?variant=tv`);
    expect(tv.text).toContain(`hx-get="/tournaments/${s.id}/bracket?variant=tv"`);
    expect(tv.text).not.toContain('href="/games/');
  });

  it('carries the run controls only for the organiser', async () => {
    const s = night.double16Midway;
    const keeper = await get(`/tournaments/${s.id}/bracket?variant=host`, 'keeper');
    expect(keeper.text).not.toContain('expectedVersion');
    expect(keeper.text).toContain(`hx-get="/tournaments/${s.id}/bracket"`);
    const organiser = await get(`/tournaments/${s.id}/bracket?variant=host`, 'organiser');
    expect(organiser.text).toContain(`hx-get="/tournaments/${s.id}/bracket?variant=host"`);
    expect(organiser.text).toContain(`name="expectedVersion" value="${s.version}"`);
  });
});

describe('GET /tournaments/{id}/tv', () => {
  it('is the dark wall page with the same live region and nothing to tap in the draw', async () => {
    const s = night.double16Final;
    const res = await get(`/tournaments/${s.id}/tv`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<body class="tv t-tv-body">/);
    expect(res.text).toContain(`hx-get="/tournaments/${s.id}/bracket?variant=tv"`);
    expect(res.text).toContain('class="champion"');
    expect(res.text).not.toContain('class="topbar"');
  });
});

describe('the organiser’s pages', () => {
  it('send a stranger to sign in and refuse a keeper', async () => {
    for (const path of ['/host/tournaments/new', `/host/tournaments/${night.setup.id}`]) {
      const stranger = await get(path);
      expect(stranger.status).toBe(303);
      expect(stranger.headers.location).toBe(`/keeper/login?next=${encodeURIComponent(path)}`);
      const keeper = await get(path, 'keeper');
      expect(keeper.status).toBe(403);
      expect(keeper.text).toContain('Only the organiser');
    }
  });

  it('offer the new-tournament form with its fields, the venue’s boards and a fresh key', async () => {
    app.games.setBoardCount(5);
    app.games.create({
      home: { name: 'Bag Daddies', players: ['Mike', 'Dana'] },
      away: { name: 'Hole Patrol', players: [] },
    });
    const res = await get('/host/tournaments/new', 'organiser');
    expect(res.status).toBe(200);
    const t = res.text;
    expect(t).toContain('action="/host/tournaments"');
    for (const field of ['name="name"', 'name="teams"', 'name="reset" value="1"', 'name="twice" value="1"']) {
      expect(t).toContain(field);
    }
    for (const f of ['single', 'double', 'round-robin']) expect(t).toContain(`name="format" value="${f}"`);
    for (const p of ['standard', 'bar', 'short']) expect(t).toContain(`name="preset" value="${p}"`);
    for (const p of ['entered', 'random']) expect(t).toContain(`name="seeding" value="${p}"`);
    expect([...t.matchAll(/name="board" value="(\d)"/g)].map((m) => m[1])).toEqual(['1', '2', '3', '4', '5']);
    expect(t).toContain('data-line="Bag Daddies: Mike, Dana"');
    const key = /name="key" value="([^"]+)"/.exec(t)?.[1];
    const again = /name="key" value="([^"]+)"/.exec(
      (await get('/host/tournaments/new', 'organiser')).text,
    )?.[1];
    expect(key).toBeTruthy();
    expect(again).not.toBe(key);
  });

  it('run a tournament: every form posts its version and a key, and a message shows once', async () => {
    const s = night.double16Midway;
    // A form elsewhere leaves a one-time message in a cookie; the run page shows it once.
    const post = await raw(app.url, '/host/boards', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${app.organiserPin}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'count=4',
    });
    const cookie = setCookies(post, FLASH_COOKIE)[0]?.split(';')[0] ?? '';
    const res = await get(`/host/tournaments/${s.id}`, 'organiser', { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.text).toContain('The venue now has 4 boards.');
    expect(setCookies(res, FLASH_COOKIE)[0]).toMatch(/Max-Age=0|expires=Thu, 01 Jan 1970/i);
    const forms = [...res.text.matchAll(/<form method="post" action="([^"]+)"[^>]*>([^]*?)<\/form>/g)];
    const actions = forms.map((f) => f[1]);
    expect(actions).toContain(`/host/tournaments/${s.id}/call`);
    for (const b of s.boards) expect(actions).toContain(`/host/tournaments/${s.id}/boards/${b}/hold`);
    for (const f of forms) {
      expect(f[2]).toContain(`name="expectedVersion" value="${s.version}"`);
      expect(f[2]).toMatch(/name="key" value="[0-9a-f-]{36}"/);
    }
    expect(res.text).toContain(`hx-sse:connect="/tournaments/${s.id}/events?since=${s.version}"`);
  });

  it('start a tournament in setup, and offer ready and called matches the free boards', async () => {
    const setup = await get(`/host/tournaments/${night.setup.id}`, 'organiser');
    expect(setup.text).toContain(`action="/host/tournaments/${night.setup.id}/start"`);
    // Called by hand only: four matches ready, one called to board 1, boards 2 and 3 free.
    const log = new TournamentLog({
      id: 'by-hand',
      format: 'single',
      teams: namedTeams(8),
      boards: [1, 2, 3],
      options: { seed: 1, autoCall: false },
    }).play({ type: 'start' }, { type: 'call_match', match: 'W1-1', board: 1 });
    tournaments.put(log.state);
    const run = (await get('/host/tournaments/by-hand', 'organiser')).text;
    for (const id of ['W1-2', 'W1-3', 'W1-4']) {
      const form = new RegExp(`action="/host/tournaments/by-hand/matches/${id}/call"[^]*?</form>`).exec(
        run,
      )?.[0];
      expect(form, id).toBeDefined();
      expect([...(form ?? '').matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual(['2', '3']);
    }
    expect(run).toContain('action="/host/tournaments/by-hand/matches/W1-1/reassign"');
    // A held board gets nothing by itself, but the organiser may still call a match there.
    log.play({ type: 'call_match', match: 'W1-2', board: 2 }, { type: 'hold_board', board: 3 });
    tournaments.put(log.state);
    const held = (await get('/host/tournaments/by-hand', 'organiser')).text;
    expect(held).toContain('action="/host/tournaments/by-hand/boards/3/release"');
    expect(held).toContain('<option value="3">Board 3 (held)</option>');
    // With every board busy there is nothing to pick: it says so instead of a form.
    log.play({ type: 'call_match', match: 'W1-3', board: 3 });
    tournaments.put(log.state);
    const full = (await get('/host/tournaments/by-hand', 'organiser')).text;
    expect(full).not.toContain('/matches/W1-4/call"');
    expect(full).toContain('No free board to call it to.');
  });
});

describe('the venue pages', () => {
  it('list tonight’s tournaments on the overview, the TV wall and the host console', async () => {
    const overview = await get('/');
    expect(overview.text).toContain('id="tournaments"');
    expect(overview.text).toContain(`href="/tournaments/${night.double16Midway.id}"`);
    const tv = await get('/tv');
    expect(tv.text).toContain('class="t-list t-list-tv"');
    const host = await get('/host', 'organiser');
    expect(host.text).toContain('href="/host/tournaments/new"');
    expect(host.text).toContain(`href="/host/tournaments/${night.double16Midway.id}"`);
    const keeper = await get('/host', 'keeper');
    expect(keeper.text).not.toContain('href="/host/tournaments/new"');
  });

  it('keep an empty, hidden list on a venue with no tournament, ready for the first one', async () => {
    const get = (path: string) => raw(bare.url, path, { headers: { Accept: 'text/html' } });
    expect((await get('/tournaments')).text).toContain('No tournament yet tonight.');
    expect((await get(`/tournaments/${night.single8.id}`)).status).toBe(404);
    for (const path of ['/', '/tv']) {
      const section = /<section[^>]*id="tournaments"[^>]*>/.exec((await get(path)).text)?.[0];
      expect(section, path).toContain('data-count="0"');
      expect(section, path).toMatch(/\shidden[\s>]/);
    }
  });
});

describe('the new-tournament form after a refusal', () => {
  it('comes back with what was typed, the boxes as they were ticked', () => {
    const values = tournamentFormValues(
      new URLSearchParams(
        'name=Friday+Cup&format=round-robin&teams=A%0AB%3A+Sam&board=2&board=4&preset=short&seeding=random&twice=1',
      ),
    );
    expect(values).toEqual({
      name: 'Friday Cup',
      format: 'round-robin',
      teams: 'A\nB: Sam',
      boards: ['2', '4'],
      preset: 'short',
      seeding: 'random',
      twice: '1',
    });
    const form = newTournamentForm({ boardCount: 4, error: 'Two teams share the name "A".', values }).value;
    expect(form).toContain('role="alert">Two teams share the name &quot;A&quot;.</p>');
    expect(form).toContain('value="Friday Cup"');
    expect(form).toMatch(/<textarea[^>]*>\nA\nB: Sam<\/textarea/);
    expect(form).toMatch(/value="round-robin"\s+checked/);
    expect(form).toMatch(/value="short"\s+checked/);
    expect(form).toMatch(/value="random"\s+checked/);
    expect([...form.matchAll(/name="board" value="(\d)"\s+checked/g)].map((m) => m[1])).toEqual(['2', '4']);
    expect(form).toMatch(/name="twice" value="1"\s+checked/);
    // Unticked stays unticked after a refusal; a fresh form offers the true second final.
    expect(form).not.toMatch(/name="reset" value="1"\s+checked/);
    expect(newTournamentForm({ boardCount: 4 }).value).toMatch(/name="reset" value="1"\s+checked/);
  });
});
