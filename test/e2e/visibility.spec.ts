// A phone that hides the page (screen off, another app) lets its stream go, and catches up at once
// when the page is shown again, without a reload.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (h ? 'hidden' : 'visible'),
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('a hidden page releases its stream and catches up as soon as it is shown', async ({
  page,
  server,
  problems,
}) => {
  const game = await server.createGame();
  const topic = `game:${game.id}`;
  const watching = async () => (await server.get('/api/health')).json.topics[topic] ?? 0;
  await page.goto(`${server.url}/games/${game.id}`);
  await expect(page.locator('.conn')).toHaveAttribute('data-status', 'live');
  await expect.poll(watching).toBe(1);

  await setHidden(page, true);
  await expect.poll(watching).toBe(0);
  await server.api('POST', `/api/games/${game.id}/throws`, { side: 'home', result: 'hole' });
  await server.api('POST', `/api/games/${game.id}/throws`, { side: 'away', result: 'board' });
  await expect(page.locator('.island')).toHaveAttribute('data-version', '0');

  await setHidden(page, false);
  await expect(page.locator('.island')).toHaveAttribute('data-version', '2');
  await expect(page.locator('#scoreboard')).toHaveAttribute('data-version', '2');
  await expect.poll(watching).toBe(1);
  expect(problems).toEqual([]);
});
