// Accessibility and CSP on every page: axe-core finds no serious or critical violation in light or
// dark colour scheme, and no page (through a live update and a keeper's tap) trips the CSP.
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { startTestServer, type InProcessServer as TestServer } from '../kit/server.js';
import { expect, signIn, signInAsHost, test, watch } from './fixtures.js';

let venue: TestServer;
let live: string;
let final: string;
let queued: string;
let removed: string;

test.beforeAll(async () => {
  venue = await startTestServer();
  const a = await venue.createGame({
    board: 1,
    home: { name: 'Bag Daddies', players: ['Mike', 'Dana'] },
    away: { name: 'Hole Patrol', players: ['Jess', 'Omar'] },
  });
  await venue.api('POST', `/api/games/${a.id}/rounds`, {
    home: { hole: 1, board: 2 },
    away: { hole: 0, board: 1 },
  });
  await venue.api('POST', `/api/games/${a.id}/throws`, { side: 'home', result: 'board' });
  const b = await venue.createGame({
    board: 2,
    home: { name: 'Toss Bosses' },
    away: { name: 'Corn Identity' },
  });
  for (let i = 0; i < 2; i++) {
    await venue.api('POST', `/api/games/${b.id}/rounds`, {
      home: { hole: 4, board: 0 },
      away: { hole: 0, board: 1 },
    });
  }
  // Waiting behind the live game on board 1: the cards show "Next up", its pages a notice.
  const c = await venue.createGame({ board: 1, home: { name: 'Cornstars' }, away: { name: 'Sack Attack' } });
  // A friendly game (listed on /, /tv and /host) and a removed one (its page, the "Removed tonight" list).
  await venue.createGame({ board: null, home: { name: 'Friendly Fire' }, away: { name: 'Weekend Pals' } });
  const d = await venue.createGame({ board: 3, home: { name: 'No Shows' }, away: { name: 'Late Again' } });
  await venue.api('DELETE', `/api/games/${d.id}`, undefined, {
    Authorization: `Bearer ${venue.organiserPin()}`,
  });
  live = a.id;
  final = b.id;
  queued = c.id;
  removed = d.id;
});
test.afterAll(async () => {
  await venue?.stop();
});

const pages = () => [
  '/',
  `/games/${live}`,
  `/games/${final}`,
  `/keep/${live}`,
  '/keep/new',
  '/host',
  '/tv',
  '/keeper/login',
  '/games/no-such-game',
  `/games/${queued}`,
  `/keep/${queued}`,
  `/host/games/${live}/edit`,
  `/games/${removed}`,
];

/** Opens a page and waits until its stream is live (pages without one are ready once loaded). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(venue.url + path);
  if (await page.locator('#live[hx-sse\\:connect]').count()) {
    await expect(page.locator('.conn')).toHaveAttribute('data-status', 'live');
  }
}

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page passes axe with no serious or critical violation (${colorScheme})`, async ({
    browser,
    problems,
  }) => {
    const context: BrowserContext = await browser.newContext({
      colorScheme,
      viewport: { width: 390, height: 844 },
    });
    await signIn(context, venue);
    const page = await context.newPage();
    watch(page, problems);
    const found: Record<string, string[]> = {};
    for (const path of pages()) {
      await open(page, path);
      const list = await serious(page);
      if (list.length) found[path] = list;
    }
    // The organiser's console carries the PINs and the venue's controls besides: the queue's
    // controls, the "Removed tonight" list, the edit page's Remove, the custom rules of the form.
    await signInAsHost(context, venue);
    for (const path of ['/host', `/host/games/${queued}/edit`]) {
      await open(page, path);
      const organiser = await serious(page);
      if (organiser.length) found[`${path} (organiser)`] = organiser;
    }
    await open(page, '/host');
    await page.locator('form.new-game input[name=preset][value=custom]').check();
    await expect(page.locator('form.new-game .custom-rules')).toBeVisible();
    const custom = await serious(page);
    if (custom.length) found['/host (custom rules)'] = custom;
    await context.close();
    expect(found).toEqual({});
    expect(problems).toEqual([]);
  });
}

test('no page trips the CSP, through a live update and a keeper tap', async ({ context, page, problems }) => {
  await signIn(context, venue);
  for (const path of pages()) await open(page, path);

  // A live update on the game page, the overview and the TV wall, all open at once.
  const game = await context.newPage();
  await open(game, `/games/${live}`);
  const tv = await context.newPage();
  await open(tv, '/tv');
  const overview = await context.newPage();
  await open(overview, '/');
  const version = Number(await game.locator('#scoreboard').getAttribute('data-version'));
  expect(
    (await venue.api('POST', `/api/games/${live}/throws`, { side: 'away', result: 'hole' })).status,
  ).toBe(200);
  await expect(game.locator('#scoreboard')).toHaveAttribute('data-version', String(version + 1));
  await expect(game.locator('.island')).toHaveAttribute('data-version', String(version + 1));
  await expect(tv.locator('#board-1')).toHaveAttribute('data-version', String(version + 1));
  await expect(overview.locator('#board-1')).toHaveAttribute('data-version', String(version + 1));

  // The keeper's pad: a tap is sent, acknowledged, and reaches the spectator page.
  const pad = await context.newPage();
  await open(pad, `/keep/${live}`);
  await pad.click('.tap[data-side=away][data-result=board]');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', String(version + 2));
  await expect(pad.locator('.pad-pending')).toBeHidden();
  await expect(game.locator('#scoreboard')).toHaveAttribute('data-version', String(version + 2));
  expect(problems).toEqual([]);
});
