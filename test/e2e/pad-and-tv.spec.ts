// Issue 14, in real browsers: the keeper pad shows the round (bags, points, the net, bags left), says
// what an undo took back, rests a side that has thrown its four bags, and keeps every message in a
// place that never moves a button; team names fit at 320 px without a mid-word break; a spectator's
// open or closed <details> survive a bag; the TV shows each game's target, a QR code a camera can read
// across the room, and dims with one line when its scores go stale.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { lanAddresses } from '../../server/network.js';
import { removeTempDirs, tempDir } from '../kit/files.js';
import { startTestServer, type TestServer } from '../kit/server.js';
import { expect, signIn, test } from './fixtures.js';
import { allowProblems, enterRound, expectLive, keeperContextFor, openWatched, tap } from './helpers-live.js';

const teams = { home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } };
/** 40 characters, the server's limit: several words, and one long word. */
const LONG_WORDS = 'Sandbaggers of the Northern Lakes League';
const LONG_WORD = 'SANDBAGGERSSANDBAGGERSSANDBAGGERSSANDBAG';

const SIZES = {
  narrow: { width: 320, height: 640 },
  phone: { width: 390, height: 844 },
  laptop: { width: 1366, height: 768 },
} as const;

async function openPad(
  browser: Browser,
  server: TestServer,
  problems: string[],
  id: string,
  viewport: { width: number; height: number } = SIZES.phone,
) {
  const context = await keeperContextFor(browser, server, viewport);
  const pad = await openWatched(context, problems, `${server.url}/keep/${id}`);
  await expectLive(pad);
  return pad;
}

/** Every tap target's box, and the undo button's: what must never move under the keeper's thumb. */
function buttonBoxes(pad: Page) {
  return pad.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.tap, .button-undo')].map((b) => {
      const r = b.getBoundingClientRect();
      return { x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height };
    }),
  );
}

/**
 * The pad's buttons that the sheet of choices covers, and whether each is on: a button under the sheet
 * is out of the keeper's reach, so it must be off (its reason in the sheet).
 */
function underSheet(pad: Page) {
  return pad.evaluate(() => {
    const sheet = document.querySelector<HTMLElement>('.pad-sheet');
    if (!sheet || sheet.getClientRects().length === 0) return [];
    const s = sheet.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLButtonElement>('.tap, .button-undo')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.bottom > s.top && r.top < s.bottom && r.right > s.left && r.left < s.right;
      })
      .map((b) => ({ button: `${b.dataset.side ?? ''} ${b.textContent!.trim()}`, enabled: !b.disabled }));
  });
}

for (const [size, viewport] of Object.entries(SIZES)) {
  test(`the pad shows this round's bags, their points, the net and the bags left (${size})`, async ({
    browser,
    server,
    problems,
  }) => {
    const game = await server.createGame(teams);
    const pad = await openPad(browser, server, problems, game.id, viewport);
    await tap(pad, 'home', 'hole');
    await tap(pad, 'home', 'hole');
    await tap(pad, 'away', 'board');
    await tap(pad, 'away', 'miss');
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '4');

    const home = pad.locator('.pad-home');
    const away = pad.locator('.pad-away');
    await expect(home.locator('.pad-bags')).toHaveText('In In');
    await expect(home.locator('.pad-points')).toHaveText('6 pts');
    await expect(home.locator('.pad-left')).toHaveText('2 bags left');
    await expect(away.locator('.pad-bags')).toHaveText('On Off');
    await expect(away.locator('.pad-points')).toHaveText('1 pt');
    await expect(away.locator('.pad-left')).toHaveText('2 bags left');
    const kinds = (side: string) =>
      pad.locator(`.pad-${side} .pad-pips .pip`).evaluateAll((pips) => pips.map((p) => p.dataset.kind));
    expect(await kinds('home')).toEqual(['hole', 'hole', 'open', 'open']);
    expect(await kinds('away')).toEqual(['board', 'miss', 'open', 'open']);
    // The net the round would score, in the reserved line, before cancellation 6–1.
    await expect(pad.locator('.pad-net')).toHaveText(/Bag Daddies\s+\+5 this round/);
    await expect(pad.locator('.pad-net')).toBeInViewport();
    // The game score has not moved: the round is still open.
    await expect(pad.locator('.pad-total-home b')).toHaveText('0');
  });
}

test('taps still on their way count in the round, marked as waiting', async ({
  browser,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  const pad = await openPad(browser, server, problems, game.id);
  await pad.route('**/api/games/*/throws', (route) => route.abort('internetdisconnected'));
  await tap(pad, 'away', 'hole');
  await tap(pad, 'away', 'board');
  await expect(pad.locator('.pad-away .pad-bags')).toHaveText('In On');
  await expect(pad.locator('.pad-away .pad-points')).toHaveText('4 pts');
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('2 bags left');
  await expect(pad.locator('.pad-away .pad-pips .pip[data-pending]')).toHaveCount(2);
  await pad.unroute('**/api/games/*/throws');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '2');
  await expect(pad.locator('.pad-away .pad-pips .pip[data-pending]')).toHaveCount(0);
  await expect(pad.locator('.pad-away .pad-bags')).toHaveText('In On');
  allowProblems(problems, /Failed to load resource/);
});

test('undo says what it took back, also when it reopens the round', async ({ browser, server, problems }) => {
  const game = await server.createGame(teams);
  const pad = await openPad(browser, server, problems, game.id);
  const message = pad.locator('.pad-message');
  await tap(pad, 'away', 'board');
  await tap(pad, 'home', 'hole');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '2');
  await pad.click('.button-undo');
  await expect(message).toHaveText('Took back: Bag Daddies — In');
  await expect(pad.locator('.pad-home .pad-left')).toHaveText('4 bags left');
  await expect(pad.locator('.pad-away .pad-bags')).toHaveText('On');
  // The next tap clears the line.
  await tap(pad, 'home', 'miss');
  await expect(pad.locator('.pad-alert')).toBeHidden();

  // Seven bags in; the eighth, away's "In", closes round 1: home 0+3+3+1 = 7 against away 1+0+0+3 = 4.
  for (const [side, result] of [
    ['home', 'hole'],
    ['away', 'miss'],
    ['home', 'hole'],
    ['away', 'miss'],
    ['home', 'board'],
  ] as const) {
    expect((await server.api('POST', `/api/games/${game.id}/throws`, { side, result })).status).toBe(200);
  }
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '9');
  await tap(pad, 'away', 'hole');
  await expect(pad.locator('.pad-round')).toHaveText('Round 2');
  await expect(pad.locator('.pad-total-home b')).toHaveText('3');
  await pad.click('.button-undo');
  await expect(message).toHaveText('Took back: Hole Patrol — In (round 1 is open again)');
  await expect(pad.locator('.pad-round')).toHaveText('Round 1');
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('1 bag left');
});

test('a side that has thrown its four bags is visibly done, and the other side plays on', async ({
  browser,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  const pad = await openPad(browser, server, problems, game.id, SIZES.narrow);
  for (const result of ['hole', 'board', 'miss', 'miss'] as const) await tap(pad, 'home', result);
  const home = pad.locator('.pad-home');
  await expect(home).toHaveAttribute('data-done');
  await expect(home.locator('.pad-left')).toHaveText('4 bags thrown');
  for (const button of await home.locator('.tap').all()) {
    await expect(button).toBeDisabled();
    // Dimmed (once its short fade has run) and grey.
    await expect(button).toHaveCSS('opacity', '0.28');
    await expect(button).toHaveCSS('filter', 'grayscale(1)');
  }
  await expect(home.locator('.tap-big')).toHaveText(['In', 'On', 'Off']);
  const away = pad.locator('.pad-away');
  await expect(away).not.toHaveAttribute('data-done');
  for (const button of await away.locator('.tap').all()) await expect(button).toBeEnabled();
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '4');
  // Once the round closes, both sides have four bags again.
  for (let i = 0; i < 4; i++) await tap(pad, 'away', 'miss');
  await expect(pad.locator('.pad-round')).toHaveText('Round 2');
  await expect(home).not.toHaveAttribute('data-done');
  await expect(home.locator('.pad-left')).toHaveText('4 bags left');
  await expect(home.locator('.tap').first()).toBeEnabled();
});

for (const [size, viewport] of [
  ['narrow', SIZES.narrow],
  ['phone', SIZES.phone],
] as const) {
  test(`no message moves a button: undo, a refusal with its choices, a sign-in that ended (${size})`, async ({
    browser,
    server,
    problems,
  }) => {
    const game = await server.createGame(teams);
    const context = await keeperContextFor(browser, server, viewport);
    const pad = await openWatched(context, problems, `${server.url}/keep/${game.id}`);
    await expectLive(pad);
    const before = await buttonBoxes(pad);
    expect(before).toHaveLength(7);

    await tap(pad, 'home', 'board');
    await pad.click('.button-undo');
    await expect(pad.locator('.pad-message')).toHaveText('Took back: Bag Daddies — On');
    expect(await buttonBoxes(pad)).toEqual(before);

    // Another keeper's bag lands between this tap and its arrival: refused, held, with the facts.
    await pad.route(
      `**/api/games/${game.id}/throws`,
      async (route) => {
        const other = await server.api('POST', `/api/games/${game.id}/throws`, {
          side: 'away',
          result: 'hole',
        });
        expect(other.status).toBe(200);
        await route.continue();
      },
      { times: 1 },
    );
    await tap(pad, 'home', 'hole');
    await expect(pad.locator('.pad-message')).toHaveText('Another keeper recorded a bag at the same moment.');
    await expect(pad.locator('.pad-message')).toBeInViewport();
    const sheet = pad.locator('.pad-sheet');
    await expect(sheet).toBeInViewport();
    await expect(sheet.locator('.pad-facts')).toHaveText('Round 1: 0–0 → 0–3');
    await expect(sheet.locator('.pad-held-row').first().locator('.chip')).toHaveText(['Hole Patrol · In']);
    await expect(sheet.locator('.pad-held-row').nth(1).locator('.chip')).toHaveText(['Bag Daddies · In']);
    expect(await buttonBoxes(pad)).toEqual(before);
    // Until the keeper chooses, the pad scores nothing: the buttons the sheet covers are off, with
    // them every other, and the sheet says why.
    const covered = await underSheet(pad);
    expect(covered.length).toBeGreaterThan(0);
    expect(covered.filter((b) => b.enabled)).toEqual([]);
    for (const button of await pad.locator('.tap, .button-undo').all()) await expect(button).toBeDisabled();
    await expect(sheet.locator('.pad-sheet-note')).toHaveText('Scoring is paused until you choose.');
    await expect(sheet.locator('.pad-sheet-note')).toBeInViewport();
    await pad.click('.pad-send');
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '4');
    await expect(pad.locator('.pad-alert')).toBeHidden();
    expect(await buttonBoxes(pad)).toEqual(before);

    await context.clearCookies();
    await tap(pad, 'away', 'miss');
    await expect(pad.locator('.pad-message')).toHaveText('Signed out: 1 tap waits.');
    await expect(pad.locator('.pad-signin')).toBeInViewport();
    // The line says it whole beside its button, nothing cut off.
    expect(await pad.locator('.pad-message').evaluate((m) => m.scrollHeight <= m.clientHeight)).toBe(true);
    expect(await buttonBoxes(pad)).toEqual(before);
    // Signed out, taps are kept for later: the buttons stay on, and none is under the sheet.
    await expect(pad.locator('.tap[data-side=away][data-result=miss]')).toBeEnabled();
    expect(await underSheet(pad)).toEqual([]);
    await context.close();
  });
}

test('the whole-round form shows its error beside its button, in view', async ({
  browser,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  const pad = await openPad(browser, server, problems, game.id, SIZES.narrow);
  const before = await buttonBoxes(pad);
  await enterRound(pad, { hole: 3, board: 2 }, { hole: 0, board: 0 });
  const error = pad.locator('.round-form .round-error');
  await expect(error).toHaveText('Bag Daddies: at most four bags in a round (3 in + 2 on).');
  await expect(error).toBeInViewport();
  await expect(pad.locator('.round-form button[type=submit]')).toBeInViewport();
  const submit = (await pad.locator('.round-form button[type=submit]').boundingBox())!;
  const box = (await error.boundingBox())!;
  expect(submit.y - (box.y + box.height)).toBeLessThan(20);
  expect(submit.y).toBeGreaterThan(box.y);
  await expect(pad.locator('.pad-alert')).toBeHidden();
  expect(await buttonBoxes(pad)).toEqual(before);
  expect((await server.api('GET', `/api/games/${game.id}/state`)).json.version).toBe(0);
  // Fixed, it goes.
  await pad.locator('select[data-side=home][data-kind=board]').selectOption('1');
  await pad.click('.round-form button[type=submit]');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '1');
  await expect(error).toBeHidden();
});

/**
 * For every element `selector` matches: its text breaks only between words, it is no wider than the
 * box it sits in, and, where it is cut, it ends in an ellipsis with the full name in its title.
 */
async function namesFit(page: Page, selector: string, names: string[]) {
  return page.evaluate(
    ({ selector, names }) => {
      const problems: string[] = [];
      const box = (el: Element): DOMRect => {
        let up = el.parentElement;
        while (up && getComputedStyle(up).display === 'contents') up = up.parentElement;
        return (up ?? document.body).getBoundingClientRect();
      };
      const lines = (node: Text, start: number, end: number) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.bottom))).size;
      };
      const found = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => el.offsetParent);
      for (const el of found) {
        const text = (el.textContent ?? '').trim();
        const label = `${selector} "${text.slice(0, 16)}"`;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          for (const m of n.data.matchAll(/\S+/g)) {
            if (lines(n, m.index, m.index + m[0].length) > 1) problems.push(`${label}: "${m[0]}" broken`);
          }
        }
        const r = el.getBoundingClientRect();
        const outer = box(el);
        if (r.left < outer.left - 1 || r.right > outer.right + 1)
          problems.push(`${label}: wider than its box`);
        if (r.right > window.innerWidth + 1) problems.push(`${label}: past the screen's edge`);
        const cut = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        const style = getComputedStyle(el);
        if (cut && (style.textOverflow !== 'ellipsis' || style.overflow !== 'hidden')) {
          problems.push(`${label}: cut without an ellipsis`);
        }
        if (names.includes(text) && el.title !== text) problems.push(`${label}: title "${el.title}"`);
        if (cut && el.title !== text) problems.push(`${label}: cut, and its title is "${el.title}"`);
      }
      if (document.scrollingElement!.scrollWidth > window.innerWidth)
        problems.push('the page scrolls sideways');
      return { count: found.length, problems };
    },
    { selector, names },
  );
}

test('names of 40 characters fit at 320 px: no mid-word break, an ellipsis and the full name in the title', async ({
  browser,
  problems,
}) => {
  // Boards 1 and 2 must be free: a venue of its own, not the worker's shared one.
  const server = await startTestServer();
  try {
    const names = [LONG_WORDS, LONG_WORD, 'Sandbaggers', 'Hole Patrol'];
    const long = await server.createGame({ board: 1, home: { name: LONG_WORDS }, away: { name: LONG_WORD } });
    const short = await server.createGame({
      board: 2,
      home: { name: 'Sandbaggers' },
      away: { name: 'Hole Patrol' },
    });
    for (const g of [long, short]) {
      await server.api('POST', `/api/games/${g.id}/rounds`, {
        home: { hole: 3, board: 1 },
        away: { hole: 0, board: 0 },
      });
      await server.api('POST', `/api/games/${g.id}/rounds`, {
        home: { hole: 0, board: 0 },
        away: { hole: 3, board: 2 },
      });
      await server.api('POST', `/api/games/${g.id}/throws`, { side: 'home', result: 'hole' });
    }
    // Waiting behind board 1: its "Next up" line names both.
    await server.createGame({ board: 1, home: { name: LONG_WORD }, away: { name: LONG_WORDS } });
    const context = await keeperContextFor(browser, server, SIZES.narrow);
    const page = await openWatched(context, problems, `${server.url}/`);
    const check = async (path: string, selectors: string[]) => {
      await page.goto(server.url + path);
      await expectLive(page);
      for (const s of selectors) {
        // Some names are written by the page's script after the stream is live (the pad's net line).
        await expect(page.locator(`${s}:visible`).first()).toBeVisible();
        const { count, problems: found } = await namesFit(page, s, names);
        expect(count, `${path} ${s}`).toBeGreaterThan(0);
        expect(found, `${path}`).toEqual([]);
      }
    };
    for (const g of [long, short]) {
      await check(`/keep/${g.id}`, ['.pad-total-name', '.pad-name', '.pad-net-name']);
      await page.click('.round-entry summary');
      expect((await namesFit(page, '.round-form legend', names)).problems).toEqual([]);
      await check(`/games/${g.id}`, [
        '.team-name .name-fit',
        '.bagrow-label',
        '.history thead .name-fit',
        '.history .score-pair',
      ]);
      await page.click('.stats-wrap summary');
      expect((await namesFit(page, '.stats .name-fit', names)).problems).toEqual([]);
    }
    await check('/', ['.card-name', '.card-next-teams']);
    // The long single word cannot fit anywhere at 320 px: it is cut, and says so.
    await page.goto(`${server.url}/games/${long.id}`);
    const away = page.locator('#scoreboard .team-away .team-name .name-fit');
    await expect(away).toHaveAttribute('title', LONG_WORD);
    await expect(away).toHaveText(LONG_WORD);
    expect(await away.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    // The accessible name is the whole name: the ellipsis is only drawn.
    await expect(page.getByRole('heading', { level: 1 })).toHaveAccessibleName(
      new RegExp(`${LONG_WORDS} vs ${LONG_WORD}$`),
    );
    await page.goto(`${server.url}/keep/${long.id}`);
    const padName = page.locator('.pad-away .pad-name');
    expect(await padName.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(page.getByRole('heading', { name: LONG_WORD, exact: true })).toHaveClass(/pad-name/);
    await expect(page.getByRole('region', { name: LONG_WORD, exact: true })).toHaveClass(/pad-away/);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await check('/tv', ['.card-name']);
    await context.close();
  } finally {
    await server.stop();
  }
});

for (const [size, viewport] of [
  ['narrow', SIZES.narrow],
  ['phone', SIZES.phone],
] as const) {
  test(`the finished pad names its winner whole, wrapped between words, and nothing moves (${size})`, async ({
    browser,
    server,
    problems,
  }) => {
    for (const [home, whole] of [
      ['Sandbaggers United', true],
      [LONG_WORDS, false],
    ] as const) {
      const game = await server.createGame({
        preset: 'short',
        home: { name: home },
        away: { name: 'Hole Patrol' },
      });
      const pad = await openPad(browser, server, problems, game.id, viewport);
      const before = await buttonBoxes(pad);
      for (let i = 0; i < 2; i++) {
        await server.api('POST', `/api/games/${game.id}/rounds`, {
          home: { hole: 2, board: 0 },
          away: { hole: 0, board: 0 },
        });
      }
      const chip = pad.locator('.pad-round');
      await expect(chip).toHaveText(`${home} win`);
      await expect(chip).toHaveAttribute('title', `${home} win`);
      // No word is broken, nothing runs past its box; a name too long for two lines ends in "…".
      const { count, problems: found } = await namesFit(pad, '.pad-round', []);
      expect(count).toBe(1);
      expect(found).toEqual([]);
      const cut = await chip.evaluate(
        (el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
      );
      expect(cut, home).toBe(!whole);
      // The game's end moves no button: the chip wraps within the scores' height.
      expect(await buttonBoxes(pad)).toEqual(before);
      // The boards page names the winner whole too, wrapped between words where it must.
      await pad.goto(`${server.url}/`);
      const badge = pad.locator(`.card[data-game="${game.id}"] .card-meta .badge-win`);
      await expect(badge).toHaveText(`${home} win`);
      const onCard = await namesFit(pad, `.card[data-game="${game.id}"] .card-meta .badge-win`, []);
      expect(onCard.problems).toEqual([]);
      const cutOnCard = await badge.evaluate((el) =>
        [el, el.querySelector('.name-fit')!].some(
          (x) => x.scrollHeight > x.clientHeight + 1 || x.scrollWidth > x.clientWidth + 1,
        ),
      );
      expect(cutOnCard, home).toBe(!whole);
      await pad.context().close();
    }
  });
}

test("a spectator's open or closed history and statistics stay as they left them across bags", async ({
  page,
  server,
}) => {
  const game = await server.createGame(teams);
  await server.api('POST', `/api/games/${game.id}/rounds`, {
    home: { hole: 1, board: 1 },
    away: { hole: 0, board: 1 },
  });
  await page.setViewportSize(SIZES.phone);
  await page.goto(`${server.url}/games/${game.id}`);
  await expectLive(page);
  const history = page.locator('#scoreboard .history-wrap:not(.stats-wrap)');
  const stats = page.locator('#scoreboard .stats-wrap');
  await expect(history).toHaveAttribute('open', '');
  await expect(stats).not.toHaveAttribute('open');
  await history.locator('summary').click();
  await stats.locator('summary').click();
  await expect(history).not.toHaveAttribute('open');
  await expect(stats).toHaveAttribute('open', '');

  for (const [version, side] of [
    [2, 'home'],
    [3, 'away'],
  ] as const) {
    await server.api('POST', `/api/games/${game.id}/throws`, { side, result: 'board' });
    await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', String(version));
    await expect(history).not.toHaveAttribute('open');
    await expect(stats).toHaveAttribute('open', '');
  }
  // A round closing changes both tables; the choices still hold.
  for (const side of ['home', 'away'] as const) {
    for (let i = 0; i < 3; i++) {
      expect(
        (await server.api('POST', `/api/games/${game.id}/throws`, { side, result: 'miss' })).status,
      ).toBe(200);
    }
  }
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '9');
  await expect(page.locator('#scoreboard .summary-count')).toHaveText('2 rounds');
  await expect(history).not.toHaveAttribute('open');
  await expect(stats).toHaveAttribute('open', '');
  // And back: the spectator reopens the history and closes the statistics.
  await history.locator('summary').click();
  await stats.locator('summary').click();
  await server.api('POST', `/api/games/${game.id}/throws`, { side: 'home', result: 'hole' });
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '10');
  await expect(history).toHaveAttribute('open', '');
  await expect(stats).not.toHaveAttribute('open');
});

test("the spectator's round card shows the round's points, not the game score", async ({ page, server }) => {
  const game = await server.createGame(teams);
  await server.api('POST', `/api/games/${game.id}/rounds`, {
    home: { hole: 1, board: 0 },
    away: { hole: 0, board: 0 },
  });
  await page.setViewportSize(SIZES.narrow);
  await page.goto(`${server.url}/games/${game.id}`);
  await expectLive(page);
  for (const [side, result] of [
    ['home', 'hole'],
    ['home', 'hole'],
    ['away', 'board'],
  ] as const) {
    await server.api('POST', `/api/games/${game.id}/throws`, { side, result });
  }
  const island = page.locator('.island');
  await expect(island).toHaveAttribute('data-version', '4');
  await expect(island.locator('.island-title')).toHaveText('Round 2');
  await expect(island.locator('.island-points .score-pair')).toHaveText('6–1');
  await expect(island.locator('.bagrow-home .plus')).toHaveText('+5');
  await expect(island.locator('.bagrow-away .plus')).toBeHidden();
  await expect(island.locator('.bagrow-home .bagrow-bags')).toContainText('6 pts');
  await expect(island.locator('.island-score')).toContainText('Game');
  await expect(island.locator('.island-score .score-pair')).toHaveText('3–0');
});

test('the TV shows what each game is played to, and a QR code of at least 160 px at 1920×1080', async ({
  page,
  problems,
}) => {
  // Listening on every interface, as a venue runs it: the TV shows its join code.
  const venue = await startTestServer({ host: '0.0.0.0' });
  try {
    await venue.createGame({ board: 1, ...teams });
    await venue.createGame({ board: 2, ...teams, rules: { target: 11 } });
    await venue.createGame({ board: 3, ...teams, rules: { target: 21, bust: 15 } });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${venue.url}/tv`);
    await expectLive(page);
    await expect(page.locator('#board-1 .card-target')).toHaveText('to 21');
    await expect(page.locator('#board-2 .card-target')).toHaveText('to 11');
    await expect(page.locator('#board-3 .card-target')).toHaveText('to 21 · bust 15');
    for (const n of [1, 2, 3]) await expect(page.locator(`#board-${n} .card-target`)).toBeInViewport();
    test.skip(lanAddresses().length === 0, 'this machine has no LAN address to join on');
    const qr = (await page.locator('.tv-qr svg').boundingBox())!;
    expect(qr.width).toBeGreaterThanOrEqual(160);
    expect(qr.height).toBeGreaterThanOrEqual(160);
    const fit = await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight);
    expect(fit).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await venue.stop();
  }
});

test('when its stream is down the TV dims under one line with the age of its scores, counting up', async ({
  page,
  problems,
}) => {
  const dataDir = tempDir();
  const first = await startTestServer({ dataDir });
  const { port } = first;
  let again: TestServer | null = null;
  try {
    await first.createGame({ board: 1, ...teams });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${first.url}/tv`);
    await expectLive(page);
    const wall = page.locator('.tv-wall');
    const line = page.locator('.tv-stale');
    await expect(line).toBeHidden();
    await expect(wall).not.toHaveAttribute('data-stale');

    await first.stop();
    await expect(wall).toHaveAttribute('data-stale', '');
    await expect(line).toBeVisible();
    await expect(line).toHaveText(/^(Reconnecting|Offline) — scores from \d+ s ago$/);
    const seconds = async () => Number(/(\d+) s ago/.exec((await line.textContent()) ?? '')?.[1]);
    const start = await seconds();
    await expect.poll(seconds).toBeGreaterThan(start);
    // Dimmed: the scores lose their white and their colour.
    const score = page.locator('#board-1 .card-score').first();
    await expect(score).toHaveCSS('color', 'rgb(134, 140, 150)');
    await expect(page.locator('#boards')).toHaveCSS('filter', 'grayscale(1)');
    // The badge keeps its word; the age is said once, in the line.
    await expect(page.locator('.conn-age')).toBeHidden();

    again = await startTestServer({ port, dataDir });
    await expectLive(page);
    await expect(line).toBeHidden();
    await expect(wall).not.toHaveAttribute('data-stale');
    await expect(score).toHaveCSS('color', 'rgb(245, 246, 248)');
  } finally {
    await first.stop();
    await again?.stop();
    removeTempDirs();
  }
  allowProblems(problems, /htmx:sse:error/, /htmx:error/, /Failed to fetch/);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious on a pad with a side done and a conflict's sheet, nor on a stale TV (${colorScheme})`, async ({
    browser,
    problems,
  }) => {
    const serious = async (page: Page) =>
      (await new AxeBuilder({ page }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    // A venue of its own: a game queued behind another would refuse the taps.
    const server = await startTestServer();
    const game = await server.createGame({ board: 1, ...teams });
    const context = await browser.newContext({ colorScheme, viewport: SIZES.phone });
    await signIn(context, server);
    const pad = await openWatched(context, problems, `${server.url}/keep/${game.id}`);
    await expectLive(pad);
    for (let i = 0; i < 4; i++) await tap(pad, 'home', 'board');
    await expect(pad.locator('.pad-home')).toHaveAttribute('data-done');
    await pad.route(
      `**/api/games/${game.id}/throws`,
      async (route) => {
        await server.api('POST', `/api/games/${game.id}/throws`, { side: 'away', result: 'hole' });
        await route.continue();
      },
      { times: 1 },
    );
    await tap(pad, 'away', 'board');
    await expect(pad.locator('.pad-sheet')).toBeVisible();
    expect(await serious(pad)).toEqual([]);

    const tv = await openWatched(context, problems, `${server.url}/tv`);
    await expectLive(tv);
    await tv.evaluate(() =>
      window.dispatchEvent(
        new CustomEvent('bagtrax:connection', { detail: { status: 'reconnecting', lastHeard: Date.now() } }),
      ),
    );
    await expect(tv.locator('.tv-stale')).toBeVisible();
    expect(await serious(tv)).toEqual([]);
    await context.close();
    await server.stop();
  });
}
