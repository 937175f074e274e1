// Team and player names come from keepers' phones: every surface shows them as text. Pages and
// partials carry them escaped (the escaped text is asserted, not just the raw payload's absence),
// JSON and event streams carry them unchanged, and the CSV export cannot run them as formulas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../kit/server.js';
import { SseClient } from '../../kit/sse.js';
import { escapeHtml } from '../../../server/views/html.js';
import { raw } from '../../kit/raw.js';
import { keeperCookie } from './helpers.js';

const IMG = '<img src=x onerror=alert(1)>';
const ATTR = '" onmouseover="x';
const SCRIPT = '<script>alert(2)</script>';
const QUOTE = "'><svg onload=alert(3)>";
const PAYLOADS = [IMG, ATTR, SCRIPT, QUOTE];

let server: TestServer;
let cookie: string;
let xssId: string;
let formulaId: string;

beforeAll(async () => {
  server = await startTestServer();
  const xss = await server.createGame({
    home: { name: IMG, players: [SCRIPT] },
    away: { name: ATTR, players: [QUOTE] },
    board: 1,
  });
  xssId = xss.id;
  // A round, so the payloads also reach the round history and the pad.
  await server.api('POST', `/api/games/${xssId}/throws`, { side: 'home', result: 'hole' });
  const formula = await server.createGame({
    home: { name: '=HYPERLINK("http://x","y")', players: ['-2+3'] },
    away: { name: '@SUM(A1:A9)', players: ['+cmd|x'] },
    board: 2,
  });
  formulaId = formula.id;
  await server.api('POST', `/api/games/${formulaId}/rounds`, {
    home: { hole: 1, board: 1 },
    away: { hole: 0, board: 2 },
  });
  cookie = await keeperCookie(server);
});
afterAll(async () => {
  await server.stop();
});

/** No payload appears raw, and each team name appears in its escaped form. */
function expectEscaped(path: string, body: string, names = [IMG, ATTR]): void {
  for (const p of PAYLOADS) expect(body.includes(p), `raw ${p} in ${path}`).toBe(false);
  expect(body, path).not.toMatch(/<img src=x|<svg onload|<script>alert|onmouseover="/i);
  for (const n of names) expect(body, `${path} shows ${n} as text`).toContain(escapeHtml(n));
}

/** Reads the Alpine island's `data-state` attribute back the way a browser would. */
interface LiveState {
  home: { name: string };
  away: { name: string };
}

function dataStates(body: string): LiveState[] {
  return [...body.matchAll(/data-state="([^"]*)"/g)].map(
    (m) =>
      JSON.parse(
        m[1]!
          .replaceAll('&quot;', '"')
          .replaceAll('&#39;', "'")
          .replaceAll('&lt;', '<')
          .replaceAll('&gt;', '>')
          .replaceAll('&amp;', '&'),
      ) as LiveState,
  );
}

describe('names in HTML', () => {
  it('are escaped text on every page and partial that shows them', async () => {
    const pages: Array<[string, Record<string, string>]> = [
      ['/', {}],
      ['/tv', {}],
      [`/games/${xssId}`, {}],
      [`/keep/${xssId}`, { Cookie: cookie }],
      ['/host', { Cookie: cookie }],
      ['/boards', {}],
      ['/boards?variant=tv', {}],
      ['/boards?variant=host', { Cookie: cookie }],
      ['/boards/1', {}],
      [`/games/${xssId}/scoreboard`, {}],
    ];
    for (const [path, headers] of pages) {
      const a = await raw(server.url, path, { headers });
      expect(a.status, path).toBe(200);
      expect(a.headers['content-type'], path).toMatch(/^text\/html/);
      expectEscaped(path, a.text);
    }
  });

  it('shows player names escaped on the scoreboard', async () => {
    const a = await server.get(`/games/${xssId}/scoreboard`);
    expect(a.text).toContain(escapeHtml(SCRIPT));
    expect(a.text).toContain(escapeHtml(QUOTE));
  });

  it('keeps the data-state attribute closed and its JSON intact', async () => {
    for (const [path, headers] of [
      [`/games/${xssId}`, {}],
      [`/keep/${xssId}`, { Cookie: cookie }],
    ] as const) {
      const a = await raw(server.url, path, { headers });
      const states = dataStates(a.text);
      expect(states.length, path).toBeGreaterThan(0);
      for (const s of states) {
        expect(s.home.name).toBe(IMG);
        expect(s.away.name).toBe(ATTR);
      }
    }
  });

  it('escapes text reflected from the URL and headers', async () => {
    const msg = await raw(server.url, `/host?msg=${encodeURIComponent(IMG)}`, {
      headers: { Cookie: cookie },
    });
    expectEscaped('/host?msg', msg.text, [IMG]);
    const next = await server.get(`/keeper/login?next=${encodeURIComponent(`/x${ATTR}${IMG}`)}`);
    expectEscaped('/keeper/login?next', next.text, []);
    const host = await raw(server.url, '/', {
      headers: { Host: 'a<img src=x onerror=alert(1)>', Accept: 'text/html' },
    });
    expect(host.status).toBe(403);
    expect(host.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(host.text).not.toContain(IMG);
  });
});

describe('names in JSON and streams', () => {
  it('are the raw text in state JSON, the game list and the venue export, served as JSON', async () => {
    const state = await server.get(`/api/games/${xssId}/state`);
    expect(state.json.home.name).toBe(IMG);
    expect(state.json.away.name).toBe(ATTR);
    const list = await server.get('/api/games');
    expect(list.json.find((g: { id: string }) => g.id === xssId).home.name).toBe(IMG);
    const exported = await server.get('/api/export.json');
    expect(exported.text).toContain(JSON.stringify(IMG));
    for (const a of [state, list, exported]) {
      expect(a.headers.get('content-type')).toMatch(/^application\/json/);
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment/);
  });

  it('arrive unchanged in the stream’s state event', async () => {
    const sse = await SseClient.open(`${server.url}/games/${xssId}/events?since=0`);
    try {
      await sse.waitFor((events) => events.some((e) => e.event === 'state'));
      const state = JSON.parse(sse.events.find((e) => e.event === 'state')!.data);
      expect(state.home.name).toBe(IMG);
      expect(state.away.name).toBe(ATTR);
    } finally {
      sse.close();
    }
  });
});

describe('names in the CSV export', () => {
  it('are defused against formulas and served as an attachment that is not sniffed', async () => {
    const a = await server.get(`/api/games/${formulaId}/export.csv`);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('content-disposition')).toMatch(/^attachment/);
    const cells = a.text.split('\r\n').map((line) => line.split(','));
    expect(a.text).toContain(`home,"'=HYPERLINK(""http://x"",""y"")"`);
    expect(cells).toContainEqual(['away', "'@SUM(A1:A9)"]);
    // No cell of the file starts a formula.
    for (const line of cells) for (const cell of line) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@]/);
    const xss = await server.get(`/api/games/${xssId}/export.csv`);
    expect(xss.text).toContain(`home,${IMG}`);
    expect(xss.text).toContain(`away,""" onmouseover=""x"`);
  });
});
