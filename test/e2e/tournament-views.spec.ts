// The tournament pages in a browser, over tournament reads held in memory (the app as createApp builds
// it, with sample nights from the pure domain): the whole 16-team double elimination on one 1080p TV,
// phones reading round by round without sideways scrolling, axe and the CSP content on every page, and
// the region morphed in place on `refresh-bracket` under a stream wrapper that stays.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { startApp, type TestApp } from '../kit/app.js';
import {
  MemoryTournaments,
  namedTeams,
  sampleNight,
  TournamentLog,
  type SampleNight,
} from '../kit/tournaments.js';
import { expect, test, watch } from './fixtures.js';

let app: TestApp;
let night: SampleNight;
const tournaments = new MemoryTournaments();

test.beforeAll(async () => {
  night = sampleNight(Date.now() - 90 * 60_000);
  for (const s of Object.values(night)) tournaments.put(s);
  // Eight boards: eight calls at once above the bracket.
  const eight = new TournamentLog(
    { id: 'eight-boards', boards: [1, 2, 3, 4, 5, 6, 7, 8] },
    Date.now() - 30 * 60_000,
  )
    .play({ type: 'start' })
    .results(9)
    .onBoards(3).state;
  tournaments.put(eight);
  // A night's states: pools half-played with a best-of-3 final and a no-show clock long run out,
  // a no-show forfeited and a team withdrawn; and a setup with some teams checked in.
  const pools = new TournamentLog(
    {
      id: 'pools-night',
      name: 'Pools Night',
      format: 'pools',
      teams: namedTeams(8),
      options: { seed: 7, pools: { size: 4, advance: 2 }, bestOf: { final: 3 }, noShowMinutes: 10 },
    },
    Date.now() - 60 * 60_000,
  )
    .play({ type: 'start' })
    .results(5);
  const noShow = pools.state.matches.find((m) => m.status === 'called')!;
  pools.play({ type: 'forfeit', match: noShow.id, winner: noShow.home! }, { type: 'withdraw', team: 't8' });
  tournaments.put(pools.state);
  tournaments.put(
    new TournamentLog({
      id: 'check-in',
      name: 'Check-in Night',
      format: 'single',
      teams: namedTeams(6),
    }).play({ type: 'check_in', entrant: 't1' }, { type: 'check_in', entrant: 't2' }).state,
  );
  app = await startApp({ tournaments });
});
test.afterAll(async () => {
  await app?.stop();
});

const spectatorPages = () => [
  '/tournaments',
  ...Object.values(night).flatMap((s) => [`/tournaments/${s.id}`, `/tournaments/${s.id}/tv`]),
  '/tournaments/eight-boards/tv',
  '/tournaments/pools-night',
  '/tournaments/pools-night/tv',
];
const organiserPages = () => [
  '/host/tournaments/new',
  `/host/tournaments/${night.double16Midway.id}`,
  `/host/tournaments/${night.setup.id}`,
  '/host/tournaments/pools-night',
  '/host/tournaments/check-in',
];

async function contextFor(browser: Browser, width: number, height: number, colorScheme: 'light' | 'dark') {
  return browser.newContext({
    viewport: { width, height },
    colorScheme,
    extraHTTPHeaders: { Authorization: `Bearer ${app.organiserPin}` },
  });
}

/** Cards not wholly inside the screen or the bracket part that holds them. */
function hiddenCards(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.match:not(.match-void)')]
      .filter((card) => {
        const r = card.getBoundingClientRect();
        const box = (card.closest('.bracket-scroll') ?? document.body).getBoundingClientRect();
        const bottom = Math.min(window.innerHeight, box.bottom) + 0.5;
        const right = Math.min(window.innerWidth, box.right) + 0.5;
        return r.bottom > bottom || r.right > right || r.top < 0 || r.left < 0;
      })
      .map((card) => card.dataset.match ?? '?'),
  );
}

test('a 16-team double elimination is whole on one 1080p TV, calls and all', async ({
  browser,
  problems,
}) => {
  const context = await contextFor(browser, 1920, 1080, 'dark');
  const page = await context.newPage();
  watch(page, problems);
  for (const id of [night.double16Midway.id, night.double16Final.id, 'eight-boards']) {
    await page.goto(`${app.url}/tournaments/${id}/tv`);
    const matches = tournaments.get(id)?.matches.filter((m) => m.decidedBy !== 'unneeded') ?? [];
    await expect(page.locator('.match')).toHaveCount(matches.length);
    expect(await hiddenCards(page), id).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollHeight), id).toBeLessThanOrEqual(1080);
  }
  await context.close();
});

test('phones read every page round by round, with no sideways scrolling', async ({ browser, problems }) => {
  for (const width of [320, 390]) {
    const context = await contextFor(browser, width, 800, 'light');
    const page = await context.newPage();
    watch(page, problems);
    for (const path of [...spectatorPages(), ...organiserPages()]) {
      await page.goto(app.url + path);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(wide, `${path} at ${width} px`).toBeLessThanOrEqual(width);
    }
    await context.close();
  }
});

// Phones in the light, laptops in the dark: each page once per scheme keeps the run short.
for (const [colorScheme, width, height] of [
  ['light', 390, 844],
  ['dark', 1366, 768],
] as const) {
  test(`every tournament page passes axe (${colorScheme}, ${width} px)`, async ({ browser, problems }) => {
    test.setTimeout(180_000);
    const found: Record<string, string[]> = {};
    const context = await contextFor(browser, width, height, colorScheme);
    const page = await context.newPage();
    watch(page, problems);
    for (const path of [...spectatorPages(), ...organiserPages()]) {
      await page.goto(app.url + path);
      const result = await new AxeBuilder({ page }).analyze();
      const serious = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      if (serious.length) found[path] = serious;
    }
    await context.close();
    expect(found).toEqual({});
  });
}

test('refresh-bracket morphs the region in place; the stream wrapper stays', async ({
  browser,
  problems,
}) => {
  const start = Date.now() - 5 * 60_000;
  const create = { id: 'live-one', format: 'single' as const, boards: [1, 2] };
  tournaments.put(new TournamentLog(create, start).play({ type: 'start' }).state);
  for (const path of ['/tournaments/live-one', '/tournaments/live-one/tv', '/host/tournaments/live-one']) {
    const context = await contextFor(browser, 1366, 900, 'light');
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(app.url + path);
    const card = page.locator('.match[data-match="W1-1"]');
    await expect(card).toHaveAttribute('data-status', 'called');
    await page.evaluate(
      () => ((document.getElementById('live') as HTMLElement & { mark?: number }).mark = 1),
    );
    // A result lands (the service's write); the stream says so.
    const after = new TournamentLog(create, start).play({ type: 'start' }).results(1).state;
    tournaments.put(after);
    await page.evaluate(() => document.getElementById('live')?.dispatchEvent(new Event('refresh-bracket')));
    await expect(card).toHaveAttribute('data-status', 'done');
    await expect(page.locator('#tournament-live')).toHaveAttribute('data-version', String(after.version));
    expect(
      await page.evaluate(() => (document.getElementById('live') as HTMLElement & { mark?: number }).mark),
    ).toBe(1);
    // The clock island keeps the calls' ages in words the server would use.
    await expect(page.locator('time[data-relative]').first()).toHaveText(/^\d+ min ago$/);
    await context.close();
    tournaments.put(new TournamentLog(create, start).play({ type: 'start' }).state);
  }
});
