// Issue 14, in real browsers at phone (390, 320) and laptop (1366) sizes: keepers land on the boards;
// the organiser fixes, moves, removes, restores and reorders games from the host console while the
// spectator page, the overview and the pad follow without a reload; a waiting game's pad waits;
// friendly games show on /, /tv and /host; the host's results table, finished-board highlight and
// roster of earlier teams; games added to a busy board from the console; a finished pad that leads to
// the board's next game. Each test has a server of its own.
import type { BrowserContext, Page } from '@playwright/test';
import { TEST_PIN } from '../kit/settings.js';
import { expect, watch } from './fixtures.js';
import { test } from './venue-fixtures.js';
import {
  allowProblems,
  expectLive,
  expectNoReload,
  LAPTOP,
  keeperContextFor,
  markWindow,
  openWatched,
  organiserContextFor,
  PHONE,
  tap,
} from './helpers-live.js';

const SMALL = { width: 320, height: 640 };

/** A page that follows live, marked so that a reload would show. */
async function following(context: BrowserContext, problems: string[], url: string): Promise<Page> {
  const page = await openWatched(context, problems, url);
  await expectLive(page);
  await markWindow(page);
  return page;
}

/** A game page's notice (waiting, removed) is the first thing under its title, above the score. */
async function expectNoticeOnTop(page: Page): Promise<void> {
  const notice = page.locator('.game-notice');
  await expect(notice).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(notice).toBeInViewport();
  const box = (await notice.boundingBox())!;
  const score = (await page.locator('#scoreboard').boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(score.y);
}

/** Fills and saves a game's edit page on the host console; comes back to the console. */
async function editOnHost(host: Page, id: string, edit: { home?: string; away?: string; board?: string }) {
  await host.locator(`a[href="/host/games/${id}/edit"]`).first().click();
  await host.waitForURL(`**/host/games/${id}/edit`);
  if (edit.home !== undefined) await host.fill('input[name=home]', edit.home);
  if (edit.away !== undefined) await host.fill('input[name=away]', edit.away);
  if (edit.board !== undefined) await host.selectOption('select[name=board]', edit.board);
  await host.getByRole('button', { name: 'Save changes' }).click();
  await host.waitForURL('**/host');
  await expectLive(host);
}

test('a keeper signs in on a phone and lands on the boards, each game with a big Keep score', async ({
  browser,
  venue,
  problems,
}) => {
  const a = await venue.createGame({
    board: 1,
    home: { name: 'Bag Daddies' },
    away: { name: 'Hole Patrol' },
  });
  const b = await venue.createGame({ board: 2, home: { name: 'Corn Stars' }, away: { name: 'Sack Attack' } });
  for (const viewport of [PHONE, SMALL]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(`${venue.url}/`);
    await page.getByRole('link', { name: 'Keeper' }).click();
    await page.fill('#pin', TEST_PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${venue.url}/`);
    await expectLive(page);
    const keep = page.locator('#board-1').getByRole('link', { name: /^Keep score/ });
    await expect(keep).toBeInViewport();
    await expect(keep).toHaveAttribute('href', `/keep/${a.id}`);
    expect((await keep.boundingBox())!.height).toBeGreaterThanOrEqual(56);
    await expect(page.locator('#board-2').getByRole('link', { name: /^Keep score/ })).toHaveAttribute(
      'href',
      `/keep/${b.id}`,
    );
    // The venue's controls are the organiser's: none of them here.
    await expect(
      page.locator('.pin, form[action="/host/boards"], form[action="/host/sign-out-all"]'),
    ).toHaveCount(0);
    await keep.click();
    await page.waitForURL(`**/keep/${a.id}`);
    await expect(page.locator('.pad')).toBeVisible();
    await context.close();
  }
});

test('names fixed and a game moved on the host console reach the spectator page, the overview and the pad live', async ({
  organiser,
  phone,
  browser,
  venue,
  problems,
}) => {
  const g = await venue.createGame({ board: 1, home: { name: 'Bag Dadies' }, away: { name: 'Hole Patrl' } });
  await venue.api('POST', `/api/games/${g.id}/throws`, { side: 'home', result: 'hole' });
  const small = await browser.newContext({ viewport: SMALL });
  const overview = await following(small, problems, `${venue.url}/`);
  const spectator = await following(phone, problems, `${venue.url}/games/${g.id}`);
  const pad = await following(phone, problems, `${venue.url}/keep/${g.id}`);
  const host = await openWatched(organiser, problems, `${venue.url}/host`);
  await expectLive(host);

  await editOnHost(host, g.id, { home: 'Bag Daddies', away: 'Hole Patrol' });
  await expect(host.locator('.flash')).toContainText('Saved: Bag Daddies vs Hole Patrol');
  await expect(spectator.locator('#scoreboard .team-home .team-name')).toHaveText('Bag Daddies');
  await expect(spectator.locator('#scoreboard .team-away .team-name')).toHaveText('Hole Patrol');
  await expect(pad.locator('.pad-total-home .pad-total-name')).toHaveText('Bag Daddies');
  await expect(pad.locator('.pad-total-away .pad-total-name')).toHaveText('Hole Patrol');
  await expect(overview.locator('#board-1 .card-team-home .card-name')).toHaveText('Bag Daddies');
  // The fix is a version: the pad scores on from it.
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '2');
  await tap(pad, 'away', 'board');
  await expect(spectator.locator('#scoreboard')).toHaveAttribute('data-version', '3');

  // Moving it to the free board 3: the overview shows it there, the page says where it is now.
  await editOnHost(host, g.id, { board: '3' });
  await expect(overview.locator('#board-3')).toHaveAttribute('data-game', g.id);
  await expect(overview.locator('#board-1')).toContainText('No game on this board');
  await expect(spectator.locator('.game-title')).toContainText('Board 3');
  await expect(host.locator('#board-3')).toHaveAttribute('data-game', g.id);
  for (const p of [overview, spectator, pad]) await expectNoReload(p);
  await small.close();
});

test('a waiting game’s pad waits, follows its place in line as the organiser reorders, and opens when its game starts', async ({
  organiser,
  phone,
  venue,
  problems,
}) => {
  const playing = await venue.createGame({
    board: 2,
    home: { name: 'Toss Bosses' },
    away: { name: 'Corn Identity' },
  });
  const mine = await venue.createGame({
    board: 2,
    home: { name: 'Slide Rules' },
    away: { name: 'Four Baggers' },
  });
  const other = await venue.createGame({ board: 2, home: { name: 'Airmail' }, away: { name: 'Express' } });
  const pad = await following(phone, problems, `${venue.url}/keep/${mine.id}`);
  const spectator = await following(phone, problems, `${venue.url}/games/${mine.id}`);
  const overview = await following(phone, problems, `${venue.url}/`);

  const notice = pad.locator('.game-notice');
  await expect(notice).toBeVisible();
  await expect(notice.locator('.notice-line')).toHaveText(
    "Board 2 is playing Toss Bosses vs Corn Identity; you're next.",
  );
  for (const button of await pad.locator('.tap').all()) await expect(button).toBeDisabled();
  await expect(pad.locator('.button-undo')).toBeDisabled();
  await expect(spectator.locator('.game-notice .notice-title')).toHaveText('Up next on board 2');
  await expectNoticeOnTop(spectator);
  await expect(overview.locator('#board-2 .card-next')).toHaveText('Next up: Slide Rules vs Four Baggers');

  // The organiser moves the other game ahead: everyone waiting hears it at once.
  const host = await openWatched(organiser, problems, `${venue.url}/host`);
  await expectLive(host);
  await host
    .locator(`#board-2 .card-queue-item[data-game="${other.id}"]`)
    .getByRole('button', { name: /Earlier/ })
    .click();
  await host.waitForURL('**/host');
  await expect(host.locator('#board-2 .card-queue-item').first()).toHaveAttribute('data-game', other.id);
  await expect(notice.locator('.notice-title')).toHaveText('2nd in line for board 2');
  await expect(notice.locator('.notice-line')).toHaveText(
    'Board 2 is playing Toss Bosses vs Corn Identity; 1 game before yours.',
  );
  await expect(spectator.locator('.game-notice .notice-title')).toHaveText('2nd in line for board 2');
  await expect(overview.locator('#board-2 .card-next')).toHaveText('Next up: Airmail vs Express');

  // A no-show: the organiser removes the game ahead; this one is next again.
  await host
    .locator(`#board-2 .card-queue-item[data-game="${other.id}"]`)
    .getByRole('button', { name: /Remove/ })
    .click();
  await host.waitForURL('**/host');
  await expect(host.locator('.flash')).toContainText('Removed Airmail vs Express');
  await expect(notice.locator('.notice-title')).toHaveText('Up next on board 2');
  await expect(overview.locator('#board-2 .card-next')).toHaveText('Next up: Slide Rules vs Four Baggers');

  // The board's game ends; the board stands out on the console, and its game starts from there.
  for (let i = 0; i < 3; i++) {
    await venue.api('POST', `/api/games/${playing.id}/rounds`, {
      home: { hole: 4, board: 0 },
      away: { hole: 0, board: 0 },
    });
  }
  await expect(notice.locator('.notice-line')).toHaveText(
    'Board 2 is free: start this game when both teams are there.',
  );
  const card = host.locator('#board-2');
  await expect(card).toHaveClass(/card-ready/);
  const start = card.getByRole('button', { name: /^Start next game/ });
  await expect(start).toBeInViewport();
  await start.click();
  await host.waitForURL('**/host');
  await expect(notice).toBeHidden();
  for (const button of await pad.locator('.tap').all()) await expect(button).toBeEnabled();
  await tap(pad, 'home', 'hole');
  await expect(spectator.locator('#scoreboard .team-home .team-score')).toHaveText('0');
  await expect(spectator.locator('.island')).toHaveAttribute('data-version', '1');
  for (const p of [pad, spectator, overview]) await expectNoReload(p);
});

test('a removed game says so on its open pages, and they follow its restore without a reload', async ({
  organiser,
  phone,
  venue,
  problems,
}) => {
  const g = await venue.createGame({ board: 3, home: { name: 'No Shows' }, away: { name: 'On Time' } });
  await venue.api('POST', `/api/games/${g.id}/throws`, { side: 'away', result: 'hole' });
  const spectator = await following(phone, problems, `${venue.url}/games/${g.id}`);
  const pad = await following(phone, problems, `${venue.url}/keep/${g.id}`);
  const overview = await following(phone, problems, `${venue.url}/`);
  const host = await openWatched(organiser, problems, `${venue.url}/host`);

  await host.locator(`#board-3 a[href="/host/games/${g.id}/edit"]`).click();
  await host.getByRole('button', { name: 'Remove this game' }).click();
  await host.waitForURL('**/host');
  for (const p of [spectator, pad]) {
    await expect(p.locator('.game-notice .notice-title')).toHaveText(
      'This game was removed by the organiser',
    );
    await expect(p.locator('.conn')).toHaveAttribute('data-status', 'gone');
  }
  await expectNoticeOnTop(spectator);
  // Nothing to score on a removed game.
  for (const button of await pad.locator('.tap').all()) await expect(button).toBeDisabled();
  await expect(overview.locator('#board-3')).toContainText('No game on this board');
  const removed = host.locator('#removed');
  await expect(removed).toBeVisible();
  await expect(removed).toContainText('No Shows 0–0 On Time');

  // Meanwhile board 3 goes to the next teams: restored, the game waits behind them.
  const next = await venue.createGame({ board: 3, home: { name: 'Walk Ins' }, away: { name: 'Late Crew' } });
  await removed.getByRole('button', { name: /^Restore/ }).click();
  await host.waitForURL('**/host');
  await expect(host.locator('.flash')).toContainText('Restored No Shows vs On Time');
  await expect(host.locator('#removed')).toBeHidden();
  await expect(overview.locator('#board-3 .card-next')).toHaveText('Next up: No Shows vs On Time');

  // The open pages come back by themselves, where the game is now: next in board 3's line.
  for (const p of [spectator, pad]) await expectLive(p);
  await expect(pad.locator('.game-notice .notice-line')).toHaveText(
    "Board 3 is playing Walk Ins vs Late Crew; you're next.",
  );
  await expect(spectator.locator('.game-notice .notice-title')).toHaveText('Up next on board 3');
  await expect(spectator.locator('#scoreboard .team-away .team-score')).toHaveText('0');
  for (const button of await pad.locator('.tap').all()) await expect(button).toBeDisabled();

  // Its turn comes: the pad scores again, with the bag it had, and the spectator follows.
  for (let i = 0; i < 3; i++) {
    await venue.api('POST', `/api/games/${next.id}/rounds`, {
      home: { hole: 4, board: 0 },
      away: { hole: 0, board: 0 },
    });
  }
  await pad.getByRole('button', { name: 'Start this game now' }).click();
  await pad.waitForURL(`**/keep/${g.id}`);
  await expectLive(pad);
  await expect(pad.locator('.game-notice')).toBeHidden();
  await tap(pad, 'away', 'hole');
  await expect(spectator.locator('.game-notice')).toBeHidden();
  await expect(spectator.locator('.island')).toHaveAttribute('data-version', '2');
  await expect(spectator.locator('.island-points')).toContainText('0–6');
  for (const p of [spectator, overview]) await expectNoReload(p);

  // A game removed for good (not restored) answers its page with a readable 404.
  await host.goto(`${venue.url}/host`);
  await host.locator(`#board-3 a[href="/host/games/${g.id}/edit"]`).click();
  await host.getByRole('button', { name: 'Remove this game' }).click();
  await host.waitForURL('**/host');
  const gone = await spectator.goto(`${venue.url}/games/${g.id}`);
  expect(gone?.status()).toBe(404);
  await expect(spectator.locator('.error-message')).toContainText('This game was removed by the organiser.');
  // htmx logs the 404 that told the open pages their game was gone: expected here.
  allowProblems(problems, /htmx:sse:error: SSE reconnect failed with status 404/);
});

test('friendly games show on the overview, the TV wall and the host console, and follow their bags', async ({
  organiser,
  browser,
  venue,
  problems,
}) => {
  const small = await browser.newContext({ viewport: SMALL });
  const tv = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const overview = await following(small, problems, `${venue.url}/`);
  const wall = await following(tv, problems, `${venue.url}/tv`);
  const host = await following(organiser, problems, `${venue.url}/host`);
  for (const p of [overview, host]) await expect(p.locator('#friendlies')).toBeHidden();
  await expect(wall.locator('.boards-empty')).toBeVisible();

  const f = await venue.createGame({
    board: null,
    home: { name: 'Friendly Fire' },
    away: { name: 'Weekend Pals' },
  });
  for (const p of [overview, host]) {
    await expect(p.getByRole('heading', { name: 'Friendly games' })).toBeVisible();
  }
  for (const p of [overview, wall, host])
    await expect(p.locator(`#friendly-${f.id}`)).toContainText('Friendly Fire');
  // The TV wall's only game: a card that fills the screen, not "No games yet".
  const card = wall.locator(`#friendly-${f.id}`);
  await expect(wall.locator('.boards-empty')).toHaveCount(0);
  await expect(card.getByRole('heading', { name: 'Friendly' })).toBeVisible();
  expect((await card.boundingBox())!.height).toBeGreaterThan(600);
  await expect(card.locator('.card-target')).toHaveText('to 21');

  await venue.api('POST', `/api/games/${f.id}/rounds`, {
    home: { hole: 1, board: 1 },
    away: { hole: 0, board: 0 },
  });
  for (const p of [overview, wall, host]) {
    await expect(p.locator(`#friendly-${f.id} .card-team-home .card-score`)).toHaveText('4');
  }
  // The TV highlights the side that scored, as on a board.
  await expect(card.locator('.card-team-home .delta')).toHaveText('+4');
  await expect(overview.locator(`#friendly-${f.id}`).getByRole('link', { name: /^Watch/ })).toHaveAttribute(
    'href',
    `/games/${f.id}`,
  );

  // A game on a board joins it: two cards of the same size side by side.
  const b = await venue.createGame({ board: 2, home: { name: 'Corn Stars' }, away: { name: 'Sack Attack' } });
  const board = wall.locator('#board-2');
  await expect(board).toHaveAttribute('data-game', b.id);
  const [boardBox, friendlyBox] = [(await board.boundingBox())!, (await card.boundingBox())!];
  expect(friendlyBox.height).toBeCloseTo(boardBox.height, 0);
  expect(friendlyBox.width).toBeCloseTo(boardBox.width, 0);
  expect(friendlyBox.x).toBeGreaterThan(boardBox.x);
  for (const p of [overview, wall, host]) await expectNoReload(p);
  await small.close();
  await tv.close();
});

test('the host console: a finished board stands out, the results table fills live, and earlier teams fill the form', async ({
  browser,
  venue,
  problems,
}) => {
  for (const viewport of [LAPTOP, PHONE]) {
    const context = await organiserContextFor(browser, venue, viewport);
    const earlier = await venue.createGame({
      board: 4,
      home: { name: 'Bean There' },
      away: { name: 'Done That' },
    });
    await venue.createGame({ board: 4, home: { name: 'Waiting' }, away: { name: 'Team' } });
    const host = await following(context, problems, `${venue.url}/host`);
    const card = host.locator('#board-4');
    await expect(card).not.toHaveClass(/card-ready/);
    for (let i = 0; i < 3; i++) {
      await venue.api('POST', `/api/games/${earlier.id}/rounds`, {
        home: { hole: 3, board: 0 },
        away: { hole: 0, board: 1 },
      });
    }
    await expect(card).toHaveClass(/card-ready/);
    // "Start next game" is the first thing the card shows after its title.
    const start = card.getByRole('button', { name: /^Start next game/ });
    const startBox = (await start.boundingBox())!;
    const teamsBox = (await card.locator('.card-teams').boundingBox())!;
    expect(startBox.y).toBeLessThan(teamsBox.y);
    const row = host.locator(`#results tr[data-game="${earlier.id}"]`);
    await expect(row).toBeVisible();
    await expect(row.locator('[data-label=Score]')).toHaveText('24–0');
    await expect(row.locator('[data-label=Board]')).toHaveText('Board 4');
    await expect(row.locator('[data-label=Rounds]')).toHaveText('3');
    await expect(row.locator('[data-label=Duration]')).toHaveText(/^\d+ min$/);
    await expect(row.getByRole('link', { name: /^CSV/ })).toHaveAttribute(
      'href',
      `/api/games/${earlier.id}/export.csv`,
    );
    await expectNoReload(host);

    // The roster: earlier teams are chips that fill the name fields.
    const form = host.locator('form.new-game');
    await form.locator('.chip-button', { hasText: 'Bean There' }).click();
    await form.locator('.chip-button', { hasText: 'Done That' }).click();
    await expect(form.locator('input[name=home]')).toHaveValue('Bean There');
    await expect(form.locator('input[name=away]')).toHaveValue('Done That');
    await expect(form.locator('input[name=home]')).toHaveAttribute('list', 'roster-names');
    await expect(form.locator('#roster-names option[value="Waiting"]')).toHaveCount(1);
    await expect(form.getByText('Up to 40 characters.').first()).toBeVisible();
    await form.locator('select[name=board]').selectOption('');
    await form.locator('input[name=preset][value=custom]').check();
    await form.locator('input[name=target]').fill('15');
    await form.locator('input[name=winBy]').check();
    await form.locator('select[name=firstThrow]').selectOption('away');
    await form.getByRole('button', { name: 'Start game' }).click();
    await host.waitForURL(/\/keep\/[^/]+$/);
    const id = new URL(host.url()).pathname.split('/').pop()!;
    const created = (await venue.get(`/api/games/${id}/state`)).json;
    expect(created).toMatchObject({
      board: null,
      home: { name: 'Bean There' },
      away: { name: 'Done That' },
      rules: { target: 15, winBy: 2, bust: null, skunk: null },
      round: { firstThrow: 'away' },
    });
    // Start the waiting game, so the next pass finds board 4 free again.
    await host.goto(`${venue.url}/host`);
    await host
      .locator('#board-4')
      .getByRole('button', { name: /^Start next game/ })
      .click();
    await host.waitForURL('**/host');
    await expect(host.locator('.flash')).toContainText('The next game is on: Waiting vs Team on board 4.');
    const waiting = (await venue.get('/api/games')).json.find(
      (x: { home: { name: string }; status: string }) => x.home.name === 'Waiting' && x.status === 'live',
    );
    for (let i = 0; i < 3; i++) {
      await venue.api('POST', `/api/games/${waiting.id}/rounds`, {
        home: { hole: 3, board: 0 },
        away: { hole: 0, board: 1 },
      });
    }
    await context.close();
  }
});

test('the organiser adds games to busy boards from the console and stays there; a game that starts opens its pad', async ({
  organiser,
  venue,
  problems,
}) => {
  await venue.createGame({ board: 2, home: { name: 'Slide Rules' }, away: { name: 'Four Baggers' } });
  const host = await openWatched(organiser, problems, `${venue.url}/host`);
  await expectLive(host);
  const add = async (home: string, away: string, board: string) => {
    const form = host.locator('form.new-game');
    await form.locator('input[name=home]').fill(home);
    await form.locator('input[name=away]').fill(away);
    await form.locator('select[name=board]').selectOption(board);
    await form.getByRole('button', { name: 'Start game' }).click();
  };
  await add('Corn Stars', 'Sack Attack', '2');
  await host.waitForURL('**/host');
  await expect(host.locator('.flash')).toHaveText(
    'Added Corn Stars vs Sack Attack · Waiting for board 2 (next).',
  );
  await add('Toss Bosses', 'Cornholio', '2');
  await host.waitForURL('**/host');
  await expect(host.locator('.flash')).toHaveText(
    'Added Toss Bosses vs Cornholio · Waiting for board 2 (number 2 in line).',
  );
  await expect(host.locator('#board-2 .card-queue-names')).toHaveText([
    'Corn Stars vs Sack Attack',
    'Toss Bosses vs Cornholio',
  ]);
  // A free board: the game is on, and its pad opens for whoever keeps it.
  await add('Kernel Panic', 'Pop Stars', '3');
  await host.waitForURL(/\/keep\/[^/]+$/);
  await expect(host.locator('.pad-total-home .pad-total-name')).toHaveText('Kernel Panic');
});

for (const viewport of [PHONE, SMALL]) {
  test(`a finished pad leads its keeper to the board's next game (${viewport.width} px)`, async ({
    browser,
    venue,
    problems,
  }) => {
    const g = await venue.createGame({
      board: 1,
      preset: 'short',
      home: { name: 'Bag Daddies' },
      away: { name: 'Hole Patrol' },
    });
    const next = await venue.createGame({
      board: 1,
      home: { name: 'Toss Bosses' },
      away: { name: 'Cornholio' },
    });
    const context = await keeperContextFor(browser, venue, viewport);
    const pad = await openWatched(context, problems, `${venue.url}/keep/${g.id}`);
    await expectLive(pad);
    const tools = async () => (await pad.locator('.pad-tools').boundingBox())!;
    const before = await tools();
    await expect(pad.getByRole('link', { name: 'Next game' })).toBeHidden();
    for (let i = 0; i < 2; i++) {
      await venue.api('POST', `/api/games/${g.id}/rounds`, {
        home: { hole: 2, board: 0 },
        away: { hole: 0, board: 0 },
      });
    }
    await expect(pad.locator('.pad-round')).toHaveText('Bag Daddies win');
    // Where "Spectator view" was, in the same place: the way to the next game.
    const link = pad.getByRole('link', { name: 'Next game' });
    await expect(link).toBeVisible();
    await expect(pad.getByRole('link', { name: 'Spectator view' })).toBeHidden();
    expect(await tools()).toEqual(before);
    await link.click();
    await pad.waitForURL(`${venue.url}/#board-1`);
    await expectLive(pad);
    const start = pad.locator('#board-1').getByRole('button', { name: /^Start next game/ });
    await expect(start).toBeInViewport();
    await start.click();
    await pad.waitForURL(`${venue.url}/`);
    await expect(pad.locator('.flash')).toContainText(
      'The next game is on: Toss Bosses vs Cornholio on board 1.',
    );
    await pad
      .locator('#board-1')
      .getByRole('link', { name: /^Keep score/ })
      .click();
    await pad.waitForURL(`**/keep/${next.id}`);
    await expectLive(pad);
    await expect(pad.locator('.tap').first()).toBeEnabled();
    await context.close();
  });
}
