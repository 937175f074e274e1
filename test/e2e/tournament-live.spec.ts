// A tournament run through the UI against the real backend (issue 15): the organiser creates and
// starts it on the host console's pages; a keeper scores a match on the pad; a spectator's phone and
// the TV follow the bracket and the board calls live, without a reload, to the champion.
import type { Page } from '@playwright/test';
import { test } from './venue-fixtures.js';
import { expect } from './fixtures.js';
import { openWatched, tap } from './helpers-live.js';

const TV = { width: 1920, height: 1080 };

/** A page that must never reload: a mark set now is still there at the end. */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __stayed: true }));
}
async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
}

test('an organiser runs a tournament from the console; keepers score; a phone and the TV follow live', async ({
  browser,
  venue,
  organiser,
  phone,
  problems,
}) => {
  // The organiser's laptop: New tournament, four teams, boards 1 and 2, single elimination.
  const host = await openWatched(organiser, problems, `${venue.url}/host`);
  await host.getByRole('link', { name: 'New tournament' }).click();
  await host.getByLabel('Name', { exact: true }).fill('Live Cup');
  await host.getByRole('radio', { name: /Single elimination/ }).check();
  await host.locator('textarea[name=teams]').fill('Bag Daddies\nHole Patrol\nToss Bosses\nSack Attack');
  // Every board is ticked to start with: this tournament leaves boards 3 and 4 to the bar.
  await expect(host.getByRole('checkbox', { name: 'Board 1' })).toBeChecked();
  await host.getByRole('checkbox', { name: 'Board 3' }).uncheck();
  await host.getByRole('checkbox', { name: 'Board 4' }).uncheck();
  await host.getByRole('button', { name: /Create/ }).click();
  await expect(
    host.getByText(/Created Live Cup: 4 teams, single elimination on boards 1 and 2/),
  ).toBeVisible();
  const id = /\/host\/tournaments\/([\w-]+)$/.exec(host.url())![1]!;

  // A spectator's phone and the TV open the tournament before it starts.
  const spectators = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const watcher = await openWatched(spectators, problems, `${venue.url}/tournaments/${id}`);
  const tv = await openWatched(
    await browser.newContext({ viewport: TV }),
    problems,
    `${venue.url}/tournaments/${id}/tv`,
  );
  for (const page of [watcher, tv]) {
    await expect(page.locator('.conn')).toHaveAttribute('data-status', 'live');
    await mark(page);
  }

  await host.getByRole('button', { name: 'Start the tournament' }).click();
  await expect(host.getByText(/^Started Live Cup\. Called: /)).toBeVisible();

  // Both semi-finals are called; the phone and the TV show the calls at once.
  for (const page of [watcher, tv]) {
    await expect(page.locator('[data-call="W1-1"]')).toContainText('Board 1');
    await expect(page.locator('[data-call="W1-2"]')).toContainText('Board 2');
  }
  const t = (await venue.get(`/api/tournaments/${id}`)).json as {
    matches: Array<{ id: string; gameId: string | null }>;
  };
  const semi1 = t.matches.find((m) => m.id === 'W1-1')!.gameId!;
  const semi2 = t.matches.find((m) => m.id === 'W1-2')!.gameId!;

  // The keeper finds the match on the boards page and scores it on the pad, bag by bag.
  const boards = await phone.newPage();
  await boards.goto(`${venue.url}/`);
  await expect(boards.locator('#board-1 .match-line')).toContainText('Live Cup · Semi-final 1');
  await boards.goto(`${venue.url}/keep/${semi1}`);
  const pad = boards;
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 4; i++) {
      await tap(pad, 'home', 'hole');
      await tap(pad, 'away', 'miss');
    }
    if (round === 0) {
      // Its first bag made the match live on every screen.
      for (const page of [watcher, tv]) {
        await expect(page.locator('[data-match="W1-1"]')).toHaveAttribute('data-status', 'live');
      }
    }
  }
  for (const page of [watcher, tv]) {
    await expect(page.locator('[data-match="W1-1"]')).toHaveAttribute('data-status', 'done');
    await expect(page.locator('[data-match="W1-1"]')).toContainText('Bag Daddies');
    await expect(page.locator('[data-call="W1-1"]')).toHaveCount(0);
  }

  // Another keeper finishes the other semi-final: the final is called to a freed board.
  const four = { hole: 4, board: 0 };
  const none = { hole: 0, board: 0 };
  for (let i = 0; i < 2; i++) {
    expect((await venue.api('POST', `/api/games/${semi2}/rounds`, { home: none, away: four })).status).toBe(
      200,
    );
  }
  for (const page of [watcher, tv]) {
    await expect(page.locator('[data-call="W2-1"]')).toContainText(/Board [12]/);
    await expect(page.locator('[data-match="W2-1"]')).toContainText('Bag Daddies');
  }
  const final = ((await venue.get(`/api/tournaments/${id}`)).json as typeof t).matches.find(
    (m) => m.id === 'W2-1',
  )!.gameId!;
  for (let i = 0; i < 2; i++) {
    expect((await venue.api('POST', `/api/games/${final}/rounds`, { home: four, away: none })).status).toBe(
      200,
    );
  }
  for (const page of [watcher, tv]) {
    await expect(page.locator('[data-match="W2-1"]')).toHaveAttribute('data-status', 'done');
    await expect(page.getByText(/Bag Daddies/).first()).toBeVisible();
    await expectNotReloaded(page);
  }
  await expect(watcher.locator('.champion')).toContainText('Bag Daddies');
  await spectators.close();
});
