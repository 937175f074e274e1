// A tournament night's changes in a browser against the real backend (issue 16): the no-show clock
// beside a call on the run page and the TV, its forfeit offered the moment it runs out (the page's
// clock is Playwright's, so nobody waits a minute); a semi-final corrected after its final was
// played, previewed first on the run page, then applied, and the TV following without a reload; a
// late team entered through its preview page (Cancel changes nothing, Confirm enters it, the TV
// follows); a switch-partners player withdrawn after the run page says what it forfeits.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test } from './venue-fixtures.js';
import { expect } from './fixtures.js';
import { openWatched } from './helpers-live.js';

const TV = { width: 1920, height: 1080 };
interface T {
  id: string;
  matches: Array<{ id: string; gameId: string | null; status: string; home: string | null }>;
}

async function mark(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __stayed: true }));
}

test('the no-show clock runs out on the run page; a corrected semi-final is previewed, applied, and the TV follows', async ({
  browser,
  venue,
  organiser,
  problems,
}) => {
  const pin = { Authorization: `Bearer ${venue.organiserPin()}` };
  const made = await venue.api(
    'POST',
    '/api/tournaments',
    {
      name: 'Night Cup',
      format: 'single',
      teams: ['Bag Daddies', 'Hole Patrol', 'Toss Bosses', 'Sack Attack'].map((name) => ({ name })),
      boards: [1, 2],
      noShowMinutes: 1,
    },
    pin,
  );
  expect(made.status, made.text).toBe(201);
  const id = (made.json as T).id;
  const read = async () => (await venue.get(`/api/tournaments/${id}`)).json as T;

  // The run page under Playwright's clock: its island counts from the server's render stamp.
  const host = await organiser.newPage();
  await host.clock.install();
  await host.goto(`${venue.url}/host/tournaments/${id}`);
  await host.getByRole('button', { name: 'Start the tournament' }).click();
  await expect(host.getByText(/^Started Night Cup\. Called: /)).toBeVisible();
  const tv = await openWatched(
    await browser.newContext({ viewport: TV }),
    problems,
    `${venue.url}/tournaments/${id}/tv`,
  );
  await expect(tv.locator('[data-call="W1-1"]')).toContainText('no-show at 1 min');
  await mark(tv);

  const row = host.locator('.run-row[data-match="W1-1"]');
  await expect(row).toContainText('no-show at 1 min');
  await expect(row.getByRole('button', { name: /Forfeit to/ })).toHaveCount(0);
  await host.clock.fastForward('01:05');
  await expect(row.getByText('No-show:')).toBeVisible();
  await expect(row.getByRole('button', { name: /^Forfeit to Bag Daddies/ })).toBeVisible();
  await expect(row.getByRole('button', { name: /^Forfeit to Sack Attack/ })).toBeVisible();
  await expect(row.locator('.run-clock')).toBeHidden();

  // Both semi-finals and the final are played (keepers' rounds through the API).
  const four = { hole: 4, board: 0 };
  const none = { hole: 0, board: 0 };
  const play = async (match: string, side: 'home' | 'away') => {
    const game = (await read()).matches.find((m) => m.id === match)!.gameId!;
    const round = side === 'home' ? { home: four, away: none } : { home: none, away: four };
    for (let i = 0; i < 2; i++)
      expect((await venue.api('POST', `/api/games/${game}/rounds`, round)).status).toBe(200);
  };
  await play('W1-1', 'home');
  await play('W1-2', 'home');
  await play('W2-1', 'home');
  await expect(tv.locator('.champion')).toContainText('Bag Daddies');
  await expect(tv.locator('[data-match="W2-1"]')).toContainText('Hole Patrol');

  // The organiser corrects semi-final 2: Toss Bosses won it. The preview says what it resets.
  await host.reload();
  const semi = host.locator('.run-row[data-match="W1-2"]');
  await semi.getByText('Correct the result').click();
  await semi.getByRole('radio', { name: 'Toss Bosses' }).check();
  await semi.getByRole('button', { name: 'Preview the correction' }).click();
  await expect(host.getByRole('heading', { name: 'Correct Semi-final 2' })).toBeVisible();
  await expect(host.locator('.correction-voids li')).toHaveText([
    'Final (Bag Daddies vs Hole Patrol): its result, Bag Daddies won 24–0, is cleared and it is played again.',
  ]);
  await expect(host.getByText('Nothing has changed yet.')).toBeVisible();
  const serious = (await new AxeBuilder({ page: host }).analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => v.id)).toEqual([]);
  // Nothing has: the TV still shows the champion.
  await expect(tv.locator('.champion')).toContainText('Bag Daddies');
  expect((await read()).matches.find((m) => m.id === 'W2-1')!.status).toBe('done');

  await host.getByRole('button', { name: 'Apply the correction' }).click();
  await expect(
    host.getByText(/^Semi-final 2 \(Hole Patrol vs Toss Bosses\) corrected: Toss Bosses won 0–24\./),
  ).toBeVisible();
  await expect(tv.locator('.champion')).toHaveCount(0);
  await expect(tv.locator('[data-match="W2-1"]')).toContainText('Toss Bosses');
  await expect(tv.locator('[data-match="W2-1"]')).not.toHaveAttribute('data-status', 'done');
  await expect(tv.locator('[data-call="W2-1"]')).toContainText('no-show at 1 min');
  expect(await tv.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
});

test('a late team is entered through its preview page; a switch-partners player is withdrawn after its consequences', async ({
  browser,
  venue,
  organiser,
  problems,
}) => {
  const pin = { Authorization: `Bearer ${venue.organiserPin()}` };
  const create = async (body: Record<string, unknown>) => {
    const made = await venue.api('POST', '/api/tournaments', body, pin);
    expect(made.status, made.text).toBe(201);
    const id = (made.json as T).id;
    expect((await venue.api('POST', `/api/tournaments/${id}/start`, {}, pin)).status).toBe(200);
    return id;
  };
  const id = await create({
    name: 'Late Cup',
    format: 'single',
    teams: ['Bag Daddies', 'Hole Patrol', 'Toss Bosses'].map((name) => ({ name })),
    boards: [1, 2],
  });
  const read = async () => (await venue.get(`/api/tournaments/${id}`)).json as T & { teams: unknown[] };
  const tv = await openWatched(
    await browser.newContext({ viewport: TV }),
    problems,
    `${venue.url}/tournaments/${id}/tv`,
  );
  await mark(tv);

  const host = await organiser.newPage();
  await host.goto(`${venue.url}/host/tournaments/${id}`);
  const late = host.locator('.run-late');
  await late.getByLabel('Team name').fill('Late Comers');
  await late.getByRole('button', { name: 'Preview the entry' }).click();
  await expect(host.getByRole('heading', { name: 'Enter Late Comers' })).toBeVisible();
  await expect(host.locator('.entry-where')).toHaveText([
    'Late Comers take the bye in Semi-final 1: instead of going through without a game, Bag Daddies play Late Comers.',
  ]);
  await expect(host.locator('.entry-call')).toHaveText([
    'Semi-final 1 (Bag Daddies vs Late Comers) is called to board 2 at once.',
  ]);
  await expect(host.locator('.entry-voids li')).toHaveText([
    'Final (Bag Daddies vs to be decided): its teams are worked out again.',
  ]);
  await expect(host.getByText('Nothing has changed yet.')).toBeVisible();
  const serious = (await new AxeBuilder({ page: host }).analyze()).violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => v.id)).toEqual([]);

  // Cancel changes nothing; Confirm enters the team, and the TV shows it without a reload.
  await host.getByRole('link', { name: 'Cancel' }).click();
  await expect(host.getByRole('heading', { name: 'Run it' })).toBeVisible();
  expect((await read()).teams).toHaveLength(3);
  await expect(tv.locator('.t-draw')).not.toContainText('Late Comers');
  await late.getByLabel('Team name').fill('Late Comers');
  await late.getByRole('button', { name: 'Preview the entry' }).click();
  await host.getByRole('button', { name: 'Confirm: enter Late Comers' }).click();
  await expect(
    host.getByText('Late Comers is in: they take the bye of Semi-final 1 (Bag Daddies vs Late Comers).'),
  ).toBeVisible();
  expect((await read()).teams).toHaveLength(4);
  await expect(tv.locator('[data-call="W1-1"]')).toContainText('Late Comers');
  expect(await tv.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);

  // Switch partners: a player leaves; the first press says what it forfeits, the second does it.
  const sw = await create({
    name: 'Switch Night',
    format: 'round-robin',
    draw: 'switch',
    rounds: 2,
    players: ['Ann', 'Bo', 'Cy', 'Di'],
    boards: [3],
    seed: 3,
  });
  await host.goto(`${venue.url}/host/tournaments/${sw}`);
  const row = host.locator('.run-row[data-player="p1"]');
  await row.getByText('Withdraw Ann…').click();
  await expect(row.locator('p')).toContainText('by forfeit');
  await expect(row.locator('p')).toContainText('Ann is left out of every later round.');
  await row.getByRole('button', { name: 'Withdraw Ann' }).click();
  await expect(
    host.getByText(/^Ann withdrew and is left out of every later round\. By forfeit: /),
  ).toBeVisible();
  await expect(host.locator('.run-row[data-player="p1"]')).toHaveCount(0);
});
