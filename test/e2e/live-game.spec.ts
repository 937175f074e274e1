// Issue 2, in real browsers: a keeper's pad on a phone and a spectator's game page side by side; every
// bag reaches the spectator's HTMX scoreboard and Alpine island over the page's one stream.
import { expect, test } from './fixtures.js';
import {
  allowProblems,
  countRequests,
  enterRound,
  expectLive,
  expectNoReload,
  markWindow,
  openWatched,
  tap,
} from './helpers-live.js';

const teams = { home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } };

for (const blocked of [false, true]) {
  const title = blocked
    ? 'with the scoreboard fragment unreachable, the island still follows every bag from state events'
    : 'a bag on the keeper pad moves the spectator scoreboard and island without a reload, on one stream';
  test(title, async ({ page, keeperContext, server, problems }) => {
    const game = await server.createGame(teams);
    const events = countRequests(page, `/games/${game.id}/events`);
    let refused = 0;
    if (blocked) {
      await page.route('**/games/*/scoreboard', (r) => {
        refused += 1;
        return r.abort();
      });
    }
    await page.goto(`${server.url}/games/${game.id}`);
    await expectLive(page);
    await markWindow(page);
    const pad = await openWatched(keeperContext, problems, `${server.url}/keep/${game.id}`);
    await expectLive(pad);

    const scoreboard = page.locator('#scoreboard');
    const island = page.locator('.island');
    await tap(pad, 'home', 'hole');
    await expect(island).toHaveAttribute('data-version', '1');
    await expect(island).toContainText('1 in · 0 on · 0 off');
    if (!blocked) await expect(scoreboard).toHaveAttribute('data-version', '1');

    // Finish the round: home 3+3+1 against away's 1 is 6 net for home, and round 2 opens. The
    // scoreboard is checked after every bag (a burst can strand it: see the known-bug test below);
    // the island takes the burst.
    let version = 1;
    for (const [side, result] of [
      ['away', 'board'],
      ['home', 'hole'],
      ['away', 'miss'],
      ['home', 'board'],
      ['away', 'miss'],
      ['home', 'miss'],
      ['away', 'miss'],
    ] as const) {
      await tap(pad, side, result);
      version += 1;
      if (!blocked) await expect(scoreboard).toHaveAttribute('data-version', String(version));
    }
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '8');
    await expect(island).toHaveAttribute('data-version', '8');
    await expect(island.locator('.island-title')).toHaveText('Round 2');
    await expect(island.locator('.island-score')).toContainText('Bag Daddies 6');

    if (blocked) {
      // The scoreboard did try (and fail) to refresh, and kept what it showed.
      await expect.poll(() => refused).toBeGreaterThan(0);
      await expect(scoreboard).toHaveAttribute('data-version', '0');
      await expect(scoreboard.locator('.team-home .team-score')).toHaveText('0');
      // htmx logs each failed fragment fetch; those failures are this test's own doing.
      allowProblems(problems, /htmx:error: Failed to fetch[\s\S]*elt: section#scoreboard/);
    } else {
      await expect(scoreboard).toHaveAttribute('data-version', '8');
      await expect(scoreboard.locator('.team-home .team-score')).toHaveText('6');
      await expect(scoreboard.locator('.round-no')).toHaveText('Round 2');
      await expect(scoreboard.locator('.history tbody tr')).toHaveCount(1);
    }
    await expectNoReload(page);
    expect(events.count).toBe(1);
  });
}

test('undo on the pad takes the last bag back on the pad and on the spectator page', async ({
  page,
  keeperContext,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  await page.goto(`${server.url}/games/${game.id}`);
  await expectLive(page);
  const pad = await openWatched(keeperContext, problems, `${server.url}/keep/${game.id}`);
  await expect(pad.locator('.button-undo')).toBeDisabled();

  await tap(pad, 'away', 'hole');
  const awayBags = page.locator('.island .bagrow').nth(1);
  await expect(awayBags).toHaveText(/Hole Patrol\s+1 in · 0 on · 0 off/);
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('3 bags left');
  // Let the scoreboard land first: a refresh signalled mid-fetch is lost (the known-bug test below).
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '1');
  await pad.click('.button-undo');

  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '2');
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('4 bags left');
  await expect(page.locator('.island')).toHaveAttribute('data-version', '2');
  await expect(awayBags).toHaveText(/Hole Patrol\s+0 in · 0 on · 0 off/);
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '2');
});

test('a whole round entered on the pad scores at once everywhere', async ({
  page,
  keeperContext,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  await page.goto(`${server.url}/games/${game.id}`);
  await expectLive(page);
  const pad = await openWatched(keeperContext, problems, `${server.url}/keep/${game.id}`);

  await enterRound(pad, { hole: 1, board: 2 }, { hole: 2, board: 1 });

  // Home 3+1+1 = 5, away 3+3+1 = 7: away scores the difference, 2.
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '1');
  await expect(pad.locator('.pad-round')).toHaveText('Round 2');
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '1');
  await expect(page.locator('#scoreboard .team-away .team-score')).toHaveText('2');
  await expect(page.locator('#scoreboard .history tbody tr')).toContainText('Hole Patrol +2');
  await expect(page.locator('.island .island-score')).toContainText('2 Hole Patrol');
});

test('refused writes are explained in words and the pad catches up with the server', async ({
  keeperContext,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  const pad = await openWatched(keeperContext, problems, `${server.url}/keep/${game.id}`);
  await expectLive(pad);
  const message = pad.locator('.pad-message');

  // A side that has thrown its four bags rests: its buttons are disabled, so no fifth bag is sent.
  for (let i = 0; i < 4; i++) await tap(pad, 'home', 'miss');
  await expect(pad.locator('.pad-home .pad-left')).toHaveText('4 bags thrown');
  for (const button of await pad.locator('.pad-home .tap').all()) await expect(button).toBeDisabled();
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '4');
  expect((await server.api('GET', `/api/games/${game.id}/state`)).json.version).toBe(4);

  // Another keeper's bag lands between this tap and its arrival: the server refuses the stale tap.
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
  await tap(pad, 'away', 'board');
  await expect(message).toContainText('Another keeper recorded a bag at the same moment');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '5');
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('3 bags left');
  expect((await server.api('GET', `/api/games/${game.id}/state`)).json.version).toBe(5);

  // The refused tap waits for the keeper's choice, and the pad scores nothing until then (a new tap
  // would jump ahead of it); once it is discarded, tapping works again.
  await expect(pad.locator('.pad-away .tap').first()).toBeDisabled();
  await expect(pad.locator('.pad-sheet-note')).toHaveText('Scoring is paused until you choose.');
  await pad.locator('.pad-sheet').getByRole('button', { name: 'Discard' }).click();
  await expect(pad.locator('.pad-sheet')).toBeHidden();
  await tap(pad, 'away', 'board');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '6');
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('2 bags left');
});

test('a scoreboard refresh signalled while the previous fragment is still loading is not lost', async ({
  page,
  server,
}) => {
  // With an outerHTML self-swap, htmx's queued second refresh targeted the replaced element and was
  // dropped; the scoreboard morphs in place (hx-swap="outerMorph") so it is kept.
  const game = await server.createGame(teams);
  const throwBag = () =>
    server.api('POST', `/api/games/${game.id}/throws`, { side: 'home', result: 'board' });
  await page.goto(`${server.url}/games/${game.id}`);
  await expectLive(page);
  // Hold the first fragment (version 1) until the second bag's events have reached the page.
  await page.route(
    '**/games/*/scoreboard',
    async (route) => {
      const response = await route.fetch();
      expect((await throwBag()).status).toBe(200);
      await expect(page.locator('.island')).toHaveAttribute('data-version', '2');
      await route.fulfill({ response });
    },
    { times: 1 },
  );
  expect((await throwBag()).status).toBe(200);
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '2', { timeout: 3000 });
});
