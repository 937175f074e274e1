// `npm run screenshots`: starts a real server with a demo venue (four boards, live games, a finished
// one, a game waiting its turn) and saves pictures of every page at phone, laptop and TV sizes to docs/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/find-chromium.js';
import { startServer, type RunningServer } from '../server/start.js';
import { testSettings } from '../test/kit/settings.js';

const PIN = '4321';
const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** A round as [home in, home on, away in, away on]. */
type Round = [number, number, number, number];

interface DemoGame {
  board: number;
  home: [string, string[]];
  away: [string, string[]];
  rounds: Round[];
  /** Bags already thrown in the open round: side and result, in order. */
  bags?: Array<['home' | 'away', 'hole' | 'board' | 'miss']>;
}

const DEMO: DemoGame[] = [
  {
    board: 1,
    home: ['Bag Daddies', ['Mike', 'Dana']],
    away: ['Hole Patrol', ['Jess', 'Omar']],
    rounds: [
      [1, 2, 0, 2],
      [0, 3, 1, 1],
      [2, 1, 1, 2],
      [0, 2, 0, 2],
      [1, 1, 2, 1],
      [1, 3, 0, 2],
      [2, 0, 1, 2],
    ],
    bags: [
      ['home', 'board'],
      ['away', 'hole'],
      ['home', 'hole'],
    ],
  },
  {
    board: 2,
    home: ['Toss Bosses', ['Priya', 'Ken']],
    away: ['The Corn Identity', ['Luis', 'Hannah']],
    rounds: [
      [0, 2, 1, 0],
      [1, 2, 0, 3],
      [0, 1, 0, 1],
      [2, 1, 0, 2],
    ],
  },
  {
    board: 3,
    home: ['Bean There Done That', ['Ruth', 'Gabe']],
    away: ['Airmail Express', ['Tom', 'Ana']],
    rounds: [
      [1, 2, 0, 2],
      [2, 1, 1, 1],
      [0, 3, 1, 1],
      [1, 1, 0, 1],
      [2, 2, 0, 3],
      [3, 1, 1, 0],
      [2, 1, 0, 2],
      [3, 0, 0, 1],
    ],
  },
  {
    board: 4,
    home: ['Slide Rules', ['Nora', 'Felix']],
    away: ['Four Bagger Club', ['Dev', 'Kim']],
    rounds: [
      [1, 1, 0, 3],
      [0, 2, 1, 1],
    ],
    bags: [['away', 'miss']],
  },
];

async function call(server: RunningServer, method: string, path: string, body?: unknown, pin = PIN) {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${pin}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as { id: string; status: string; error?: string };
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.error ?? ''}`);
  return json;
}

async function seed(server: RunningServer): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const g of DEMO) {
    const team = ([name, players]: [string, string[]]) => ({ name, players });
    const game = await call(server, 'POST', '/api/games', {
      home: team(g.home),
      away: team(g.away),
      board: g.board,
    });
    ids[`board${g.board}`] = game.id;
    for (const [hh, hb, ah, ab] of g.rounds) {
      const next = await call(server, 'POST', `/api/games/${game.id}/rounds`, {
        home: { hole: hh, board: hb },
        away: { hole: ah, board: ab },
      });
      if (next.status === 'final') break;
    }
    for (const [side, result] of g.bags ?? []) {
      await call(server, 'POST', `/api/games/${game.id}/throws`, { side, result });
    }
  }
  // Waiting for board 1 to finish: shows as "Next up".
  await call(server, 'POST', '/api/games', {
    home: { name: 'Cornstars', players: ['Zoe', 'Max'] },
    away: { name: 'Sack Attack', players: ['Ivy', 'Sam'] },
    board: 1,
  });
  return ids;
}

const CUP = [
  'Kernel Panic',
  'Cob Squad',
  'Board Certified',
  'Drop Zone',
  'Wooden Nickels',
  'Sandbaggers United',
  'Toss Bosses',
  'The Corn Identity',
];

/**
 * A double elimination of eight teams on boards 5 to 8 (the venue gets eight boards), two waves
 * played through the API, the third on the boards: its page, TV mode and run page.
 */
async function seedTournament(server: RunningServer): Promise<string> {
  const form = await fetch(`${server.url}/host/boards`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: `${server.hostCookie.name}=${server.hostCookie.value}`,
      Origin: server.url,
    },
    body: 'count=8',
  });
  if (form.status !== 303) throw new Error(`POST /host/boards: ${form.status}`);
  const pin = server.organiserPin();
  const t = await call(
    server,
    'POST',
    '/api/tournaments',
    { name: 'Friday Cup', format: 'double', teams: CUP.map((name) => ({ name })), boards: [5, 6, 7, 8] },
    pin,
  );
  await call(server, 'POST', `/api/tournaments/${t.id}/start`, {}, pin);
  for (let wave = 0; wave < 2; wave++) {
    const state = (await call(server, 'GET', `/api/tournaments/${t.id}`)) as unknown as {
      matches: Array<{ status: string; gameId: string | null }>;
    };
    for (const [i, m] of state.matches.filter((x) => x.status === 'called').entries()) {
      const [win, lose] = [
        { hole: 3, board: 1 },
        { hole: 1, board: 0 },
      ];
      const round = (i + wave) % 3 === 0 ? { home: lose, away: win } : { home: win, away: lose };
      for (let r = 0; r < 4; r++) {
        const next = await call(server, 'POST', `/api/games/${m.gameId}/rounds`, round);
        if (next.status === 'final') break;
      }
    }
  }
  return t.id;
}

interface Shot {
  name: string;
  path: string;
  size: [number, number];
  dark?: boolean;
  keeper?: boolean;
  fullPage?: boolean;
  /** Runs once the page is live, before the picture. */
  prepare?: (page: Page) => Promise<void>;
}

/** Taps that cannot reach the server (the writes are held back) show as pending chips on the pad. */
async function pendingTaps(page: Page): Promise<void> {
  await page.route('**/api/games/*/throws', (route) => route.abort('internetdisconnected'));
  await page.click('.tap[data-side="away"][data-result="board"]');
  await page.click('.tap[data-side="away"][data-result="hole"]');
  await page.locator('.pad-pending .chip').nth(1).waitFor();
}

/** Opens the statistics and brings them into view. */
async function openStats(page: Page): Promise<void> {
  await page.click('.stats-wrap summary');
  await page.locator('.stats-wrap').scrollIntoViewIfNeeded();
}

const PHONE: [number, number] = [390, 844];
const NARROW: [number, number] = [320, 640];
const LANDSCAPE: [number, number] = [844, 390];
const LAPTOP: [number, number] = [1366, 800];
const TV: [number, number] = [1920, 1080];

function shots(ids: Record<string, string>): Shot[] {
  const live = `/games/${ids.board1}`;
  return [
    { name: 'game-phone', path: live, size: PHONE },
    { name: 'game-phone-dark', path: live, size: PHONE, dark: true },
    { name: 'game-phone-history', path: live, size: PHONE, fullPage: true },
    { name: 'game-stats-phone', path: live, size: PHONE, prepare: openStats },
    { name: 'game-narrow', path: live, size: NARROW },
    { name: 'game-landscape', path: live, size: LANDSCAPE },
    { name: 'game-final-phone', path: `/games/${ids.board3}`, size: PHONE },
    { name: 'game-laptop', path: live, size: LAPTOP },
    { name: 'keeper-phone', path: `/keep/${ids.board1}`, size: PHONE, keeper: true },
    { name: 'keeper-phone-dark', path: `/keep/${ids.board1}`, size: PHONE, keeper: true, dark: true },
    { name: 'keeper-pending', path: `/keep/${ids.board1}`, size: PHONE, keeper: true, prepare: pendingTaps },
    { name: 'keeper-laptop', path: `/keep/${ids.board1}`, size: LAPTOP, keeper: true },
    { name: 'overview-phone', path: '/', size: PHONE, fullPage: true },
    { name: 'overview-laptop', path: '/', size: LAPTOP },
    { name: 'host-phone', path: '/host', size: PHONE, keeper: true },
    { name: 'host-laptop', path: '/host', size: LAPTOP, keeper: true, fullPage: true },
    { name: 'tv', path: '/tv', size: TV },
    { name: 'login-phone', path: '/keeper/login', size: PHONE },
    { name: 'error-phone', path: '/games/no-such-game', size: PHONE },
    { name: 'new-game-phone', path: '/keep/new', size: PHONE, keeper: true },
    { name: 'tournament-phone', path: `/tournaments/${ids.tournament}`, size: PHONE },
    { name: 'tournament-laptop', path: `/tournaments/${ids.tournament}`, size: LAPTOP },
    { name: 'tournament-tv', path: `/tournaments/${ids.tournament}/tv`, size: TV },
    { name: 'tournament-run', path: `/host/tournaments/${ids.tournament}`, size: LAPTOP, keeper: true },
    { name: 'tournament-new', path: '/host/tournaments/new', size: LAPTOP, keeper: true, fullPage: true },
  ];
}

async function capture(browser: Browser, server: RunningServer, shot: Shot): Promise<void> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: shot.size[0], height: shot.size[1] },
    colorScheme: shot.dark ? 'dark' : 'light',
    deviceScaleFactor: 1,
  });
  if (shot.keeper) {
    await context.addCookies([{ ...server.hostCookie, url: server.url }]);
  }
  const page: Page = await context.newPage();
  await page.goto(server.url + shot.path);
  // Pages with a stream: wait until the badge says Live, so the picture shows a settled page.
  if (await page.locator('#live').count()) {
    await page.locator('.conn[data-status="live"]').first().waitFor({ timeout: 10_000 });
  }
  await shot.prepare?.(page);
  await page.screenshot({ path: join(OUT, `${shot.name}.png`), fullPage: shot.fullPage ?? false });
  await context.close();
  console.log(`docs/screenshots/${shot.name}.png`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync('/dev/shm/bagtrax-shots-');
  // On every interface, as a venue runs it, so the host console and TV show the join code (all the
  // traffic here still goes to 127.0.0.1).
  const server = await startServer(testSettings({ dataDir, keeperPin: PIN, host: '0.0.0.0' }));
  const browser = await chromium.launch({
    executablePath: findChromium().path,
    args: [...CHROMIUM_ARGS, '--font-render-hinting=none'],
  });
  try {
    const ids = await seed(server);
    ids.tournament = await seedTournament(server);
    mkdirSync(OUT, { recursive: true });
    // A phone watching board 1, so the host console shows a watcher count.
    const watcher = await browser.newPage();
    await watcher.goto(`${server.url}/games/${ids.board1}`);
    const only = process.argv.slice(2);
    for (const shot of shots(ids)) {
      if (only.length && !only.some((o) => shot.name.includes(o))) continue;
      await capture(browser, server, shot);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
