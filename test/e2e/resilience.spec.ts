// Issue 5, in real browsers: a spectator page rides out a server restart on the same port (it shows
// that it is reconnecting, then converges without a reload), and stops retrying once its game is gone.
import type { Page } from '@playwright/test';
import { removeTempDirs, tempDir } from '../kit/files.js';
import { startTestServer, type TestServer } from '../kit/server.js';
import { expect, test } from './fixtures.js';
import { allowProblems, countRequests, expectLive, expectNoReload, markWindow } from './helpers-live.js';

/** What the page logs while its server is away, or once its game is gone: expected here. */
const OUTAGE = [/htmx:sse:error: (Failed to fetch|network error|SSE reconnect failed with status 404)/];

const servers: TestServer[] = [];

async function start(dataDir: string, port = 0): Promise<TestServer> {
  const server = await startTestServer({ dataDir, port });
  servers.push(server);
  return server;
}

test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  removeTempDirs();
});

const status = (page: Page) => page.locator('.conn');

test('a spectator page keeps its score through a server restart and converges without a reload', async ({
  page,
  problems,
}) => {
  const dataDir = tempDir();
  const first = await start(dataDir);
  const game = await first.createGame({ home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } });
  const events = countRequests(page, `/games/${game.id}/events`);
  const throwBag = (s: TestServer, side: 'home' | 'away') =>
    s.api('POST', `/api/games/${game.id}/throws`, { side, result: 'hole' });
  await page.goto(`${first.url}/games/${game.id}`);
  await expectLive(page);
  await markWindow(page);
  // One at a time: two bags inside one fragment fetch can leave the scoreboard a version behind
  // (see the known-bug test in live-game.spec.ts); this test is about the restart.
  expect((await throwBag(first, 'home')).status).toBe(200);
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '1');
  expect((await throwBag(first, 'away')).status).toBe(200);
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '2');
  await expect(page.locator('.island')).toHaveAttribute('data-version', '2');

  await first.stop();
  await expect(status(page)).toHaveAttribute('data-status', /reconnecting|offline/);
  await expect(status(page)).toContainText('data from');
  // At least one reconnect meets a closed port before the server comes back: the backoff carries on.
  await expect.poll(() => events.failed).toBeGreaterThan(0);
  // What the page showed stays on screen while the server is away.
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '2');

  const second = await start(dataDir, first.port);
  expect(second.url).toBe(first.url);
  expect((await throwBag(second, 'home')).status).toBe(200);
  await expect(page.locator('.island')).toHaveAttribute('data-version', '3');
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '3');
  await expect(page.locator('.island .bagrow').first()).toContainText('2 in · 0 on · 0 off');
  await expect(status(page)).toHaveAttribute('data-status', 'live');
  await expectNoReload(page);
  allowProblems(problems, ...OUTAGE);
});

test('a page whose game is gone after a restart says so and stops retrying', async ({ page, problems }) => {
  const first = await start(tempDir());
  const game = await first.createGame();
  const path = `/games/${game.id}/events`;
  const events = countRequests(page, path);
  await page.goto(`${first.url}/games/${game.id}`);
  await expectLive(page);
  // The extension's stream loop announces its end: after that nothing can reopen the stream.
  await page.evaluate(() => {
    document.getElementById('live')!.addEventListener('htmx:sse:close', () => {
      document.body.dataset.streamClosed = 'yes';
    });
  });

  await first.stop();
  await expect(status(page)).toHaveAttribute('data-status', /reconnecting|offline/);
  await start(tempDir(), first.port);

  await expect(status(page)).toHaveAttribute('data-status', 'gone');
  await expect(status(page)).toContainText('Game removed');
  await expect(page.locator('body')).toHaveAttribute('data-stream-closed', 'yes');
  const settled = events.count;
  // The first stream, then one or two retries (backoff 0.5 s, 1 s, 2 s… with 30% jitter) until the 404:
  // had the page kept retrying, its next try would come within 3 s. Absence can only be shown by waiting.
  expect(settled).toBeGreaterThanOrEqual(2);
  expect(settled).toBeLessThanOrEqual(3);
  await page.waitForTimeout(3000);
  expect(events.count).toBe(settled);
  await expect(status(page)).toHaveAttribute('data-status', 'gone');
  allowProblems(problems, ...OUTAGE);
});
