// Issue 3, in real browsers: an organiser on the laptop creates games from the host console, a keeper
// on a phone records them, and the venue overview and game page follow live; a finished board starts
// its queued game. Each test has a server of its own, so board numbers never collide with other files.
import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';
import { test } from './venue-fixtures.js';
import { enterRound, expectLive, expectNoReload, markWindow, openWatched, tap } from './helpers-live.js';

/**
 * Fills the host console's new-game form and returns the id of the game it created: a game that
 * starts opens its pad; one for a busy board waits in its line, and the console stays.
 */
async function createFromHost(
  host: Page,
  game: { home: string; away: string; board: number; preset: 'standard' | 'bar' | 'short' },
): Promise<string> {
  const form = host.locator('form.new-game');
  await form.locator('input[name=home]').fill(game.home);
  await form.locator('input[name=away]').fill(game.away);
  await form.locator('select[name=board]').selectOption(String(game.board));
  await form.locator(`input[name=preset][value=${game.preset}]`).check();
  await form.locator('button[type=submit]').click();
  await host.waitForURL(/\/(keep\/[^/?]+|host)$/);
  const names = `${game.home} vs ${game.away}`;
  if (new URL(host.url()).pathname === '/host') {
    await expect(host.locator('.flash')).toContainText(`Added ${names} · Waiting for board ${game.board}`);
    const item = host.locator(`#board-${game.board} .card-queue-item`, { hasText: names });
    return (await item.getAttribute('data-game'))!;
  }
  const id = new URL(host.url()).pathname.split('/').pop()!;
  await expect(host.locator('.pad')).toHaveAttribute('data-game', id);
  return id;
}

test('a game created on the host console is kept on a phone and shows live on the overview and game page', async ({
  page,
  context,
  organiser,
  phone,
  venue,
  problems,
}) => {
  await page.goto(`${venue.url}/`);
  await expectLive(page);
  await markWindow(page);
  const card = page.locator('#board-2');
  await expect(card).toContainText('No game on this board');

  const host = await openWatched(organiser, problems, `${venue.url}/host`);
  const id = await createFromHost(host, {
    home: 'Bag Daddies',
    away: 'Hole Patrol',
    board: 2,
    preset: 'standard',
  });
  await expect(card).toContainText('Bag Daddies');
  await expect(card).toHaveAttribute('data-version', '0');

  const watcher = await context.newPage();
  await watcher.goto(`${venue.url}/games/${id}`);
  await expectLive(watcher);
  const pad = await openWatched(phone, problems, `${venue.url}/keep/${id}`);
  await expectLive(pad);
  // Home 3+3+1 = 7 against away's 1+1 = 2: home scores 5.
  await enterRound(pad, { hole: 2, board: 1 }, { hole: 0, board: 2 });

  await expect(card).toHaveAttribute('data-version', '1');
  await expect(card.locator('.card-team').first()).toContainText('Bag Daddies5');
  await expect(card.locator('.card-meta')).toContainText('Round 2');
  await expect(watcher.locator('#scoreboard')).toHaveAttribute('data-version', '1');
  await expect(watcher.locator('#scoreboard .team-home .team-score')).toHaveText('5');
  await expect(watcher.locator('.island .island-title')).toHaveText('Round 2');
  await expectNoReload(page);
});

test('a short game played to 11 on the pad shows its winner, then the host starts the board’s queued game', async ({
  page,
  context,
  organiser,
  phone,
  venue,
  problems,
}) => {
  await page.goto(`${venue.url}/`);
  await expectLive(page);
  const card = page.locator('#board-3');
  const host = await openWatched(organiser, problems, `${venue.url}/host`);
  const first = await createFromHost(host, {
    home: 'Bag Daddies',
    away: 'Hole Patrol',
    board: 3,
    preset: 'short',
  });
  await host.goto(`${venue.url}/host`);
  const second = await createFromHost(host, {
    home: 'Corn Stars',
    away: 'Sack Attack',
    board: 3,
    preset: 'short',
  });
  expect(second).not.toBe(first);
  await expect(card).toContainText('Bag Daddies');
  await expect(card.locator('.card-next')).toHaveText('Next up: Corn Stars vs Sack Attack');

  await host.goto(`${venue.url}/host`);
  await expectLive(host);
  const hostCard = host.locator('#board-3');
  // The console lists the board's line (with the organiser's controls beside each game).
  await expect(hostCard.locator('.card-queue-names')).toHaveText(['Corn Stars vs Sack Attack']);
  // The board is busy: its queued game cannot start yet.
  await expect(hostCard.getByRole('button', { name: 'Start next game' })).toHaveCount(0);

  const watcher = await context.newPage();
  await watcher.goto(`${venue.url}/games/${first}`);
  await expectLive(watcher);
  const pad = await openWatched(phone, problems, `${venue.url}/keep/${first}`);
  await expectLive(pad);
  // Round 1 at once (home 7 against 1: 6–0), round 2 bag by bag (home 6 against 0: 12–0, past 11).
  // Every screen is checked after each write: a refresh signalled while the previous fragment is
  // still loading is lost (see the known-bug test in live-game.spec.ts).
  const landed = async (version: number) => {
    for (const el of [pad.locator('.pad'), watcher.locator('#scoreboard'), card, hostCard]) {
      await expect(el).toHaveAttribute('data-version', String(version));
    }
  };
  await enterRound(pad, { hole: 2, board: 1 }, { hole: 0, board: 1 });
  await landed(1);
  let version = 1;
  for (const result of ['hole', 'hole', 'miss', 'miss'] as const) {
    await tap(pad, 'home', result);
    await landed(++version);
    await tap(pad, 'away', 'miss');
    await landed(++version);
  }

  await expect(watcher.locator('#scoreboard .result')).toHaveText('Bag Daddies win 12–0');
  await expect(watcher.locator('#scoreboard .team-home .badge-win')).toHaveText('Winner');
  await expect(watcher.locator('.island .island-title')).toHaveText('Bag Daddies win');
  await expect(card.locator('.badge-win')).toHaveText('Bag Daddies win');
  await expect(pad.locator('.tap').first()).toBeDisabled();
  await expect(pad.locator('.pad-round')).toHaveText('Bag Daddies win');

  // The host console shows the finished board's button live, without a reload.
  const startNext = hostCard.getByRole('button', { name: 'Start next game' });
  await expect(startNext).toBeVisible();
  await startNext.click();
  await expect(host.locator('.alert-ok')).toHaveText(
    'The next game is on: Corn Stars vs Sack Attack on board 3.',
  );
  await expect(host.locator('#board-3')).toContainText('Corn Stars');
  await expect(host.locator('#board-3 .card-queue')).toHaveCount(0);
  await expect(card).toContainText('Corn Stars');
  await expect(card.locator('.card-meta')).toContainText('Round 1');
  await expect(card.locator('.card-next')).toHaveCount(0);
  await expect(card.locator('a.card-link')).toHaveAttribute('href', `/games/${second}`);
});
