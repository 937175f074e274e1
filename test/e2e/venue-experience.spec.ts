// Issue 8, in a real browser: the host console's QR code carries the join URL, the TV wall changes
// only the board that moved (and highlights the side that scored, or the finish), and the spectator
// page fits the narrowest phone, a phone on its side and a TV without sideways scrolling.
import QRCode from 'qrcode';
import { lanAddresses, urlFor } from '../../server/network.js';
import { startTestServer, type TestServer } from '../kit/server.js';
import { expect, signIn, signInAsHost, test } from './fixtures.js';

let venue: TestServer;
test.beforeAll(async () => {
  venue = await startTestServer();
});
test.afterAll(async () => {
  await venue?.stop();
});

type Counts = { hole: number; board: number };
const round = (id: string, home: Counts, away: Counts) =>
  venue.api('POST', `/api/games/${id}/rounds`, { home, away });
const NONE = { hole: 0, board: 0 };

/** The `d` of every path in an SVG: the QR code's modules, whatever the attribute order. */
function paths(svg: string): string[] {
  return [...svg.matchAll(/<path\b[^>]*\bd="([^"]+)"/g)].map((m) => m[1]!);
}

test('the host console shows the join URL and a QR code that encodes exactly that URL', async ({
  page,
  context,
  problems,
}) => {
  // Listening on every interface, as a venue runs it; the browser still talks to 127.0.0.1.
  const open = await startTestServer({ host: '0.0.0.0' });
  try {
    const lan = lanAddresses();
    test.skip(lan.length === 0, 'this machine has no LAN address to join on');
    const joinAt = urlFor(lan[0]!, open.port);
    // The organiser's console (the desktop window's session): it shows the keeper PIN.
    await signInAsHost(context, open);
    await page.goto(`${open.url}/host`);
    const joinUrl = (await page.locator('#join .join-url').textContent())?.trim();
    expect(joinUrl).toBe(joinAt);
    const served = await page.locator('#join .qr').innerHTML();
    const expected = await QRCode.toString(joinAt, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    expect(paths(expected).length).toBeGreaterThan(0);
    expect(paths(served)).toEqual(paths(expected));
    await expect(page.locator('#join .qr')).toHaveAttribute('role', 'img');
    await expect(page.locator('#join .qr')).toHaveAttribute('aria-label', `QR code for ${joinAt}`);
    await expect(page.locator('.pin[data-role=keeper]')).toHaveText(open.pin);
    await expect(page.locator('.pin[data-role=organiser]')).toHaveText(open.organiserPin());
    await expect(page.locator('a[href="/api/export.json"]')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await open.stop();
  }
});

test('a server on loopback only says on the host console that phones cannot join, and the TV hides its code', async ({
  page,
  context,
  problems,
}) => {
  await signIn(context, venue);
  await page.goto(`${venue.url}/host`);
  await expect(page.locator('#join .join-problem')).toContainText('Phones cannot join');
  await expect(page.locator('#join .join-problem')).toContainText('HOST=0.0.0.0');
  await expect(page.locator('#join .qr')).toHaveCount(0);
  await page.goto(`${venue.url}/tv`);
  await expect(page.locator('.tv-qr')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a bag on board 3 changes board 3 only, flashes the side that scored, then marks the finish', async ({
  page,
  problems,
}) => {
  const ids: string[] = [];
  for (const board of [1, 2, 3]) {
    const g = await venue.createGame({
      board,
      home: { name: `Home ${board}` },
      away: { name: `Away ${board}` },
    });
    ids.push(g.id);
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${venue.url}/tv`);
  await expect(page.locator('.conn')).toHaveAttribute('data-status', 'live');
  await expect(page.locator('#boards .card')).toHaveCount(3);
  // Every node of boards 1 and 2 is marked and watched: a bag on board 3 must not touch them.
  const before = await page.evaluate(() => {
    const w = window as unknown as { bagtraxMutations: number };
    w.bagtraxMutations = 0;
    return ['board-1', 'board-2', 'board-3'].map((id) => {
      const el = document.getElementById(id) as HTMLElement & { bagtraxMark?: string };
      el.bagtraxMark = id;
      if (id !== 'board-3') {
        new MutationObserver((list) => (w.bagtraxMutations += list.length)).observe(el, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      }
      return el.textContent;
    });
  });

  expect((await round(ids[2]!, { hole: 1, board: 0 }, NONE)).status).toBe(200);
  const card3 = page.locator('#board-3');
  await expect(card3).toHaveAttribute('data-version', '1');
  await expect(card3.locator('.card-team-home .card-score')).toHaveText('3');
  await expect(card3).toHaveClass(/flash-score/);
  await expect(card3.locator('.card-team-home .delta')).toHaveText('+3');
  await expect(card3.locator('.card-team-away .delta')).toHaveCount(0);
  const after = await page.evaluate(() =>
    ['board-1', 'board-2', 'board-3'].map((id) => {
      const el = document.getElementById(id) as HTMLElement & { bagtraxMark?: string };
      return { mark: el.bagtraxMark, text: el.textContent, flashed: el.className.includes('flash') };
    }),
  );
  expect(after[0]).toEqual({ mark: 'board-1', text: before[0], flashed: false });
  expect(after[1]).toEqual({ mark: 'board-2', text: before[1], flashed: false });
  expect(after[2]!.text).not.toBe(before[2]);
  expect(
    await page.evaluate(() => (window as unknown as { bagtraxMutations: number }).bagtraxMutations),
  ).toBe(0);

  // Two rounds of four in the hole: 3 + 12 + 12 = 27, the game ends with a distinct highlight.
  const all = { hole: 4, board: 0 };
  expect((await round(ids[2]!, all, NONE)).status).toBe(200);
  expect((await round(ids[2]!, all, NONE)).json.status).toBe('final');
  await expect(card3).toHaveAttribute('data-status', 'final');
  await expect(card3).toHaveClass(/flash-final/);
  await expect(card3).not.toHaveClass(/flash-score/);
  await expect(card3.locator('.badge-win')).toHaveText('Home 3 win');
  // Swapped cards carry their own highlight; nothing piles up on the wall.
  await expect(page.locator('.delta')).toHaveCount(0);
  expect(
    await page.evaluate(() => (document.getElementById('board-1') as { bagtraxMark?: string }).bagtraxMark),
  ).toBe('board-1');
  expect(problems).toEqual([]);
});

test('the spectator page fits 320 px, a phone on its side and a 1080p screen without sideways scrolling', async ({
  page,
  problems,
}) => {
  const g = await venue.createGame({
    home: { name: 'The Remarkably Long Named Bag Throwers', players: ['Alexandra', 'Maximilian'] },
    away: { name: 'Hole Patrol', players: ['Jess', 'Omar'] },
  });
  await round(g.id, { hole: 2, board: 1 }, { hole: 0, board: 2 });
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${venue.url}/games/${g.id}`);
  await expect(page.locator('.conn')).toHaveAttribute('data-status', 'live');
  // The worst case for the top bar: a reconnecting badge with the age of the data.
  await page.evaluate(() =>
    window.dispatchEvent(
      new CustomEvent('bagtrax:connection', {
        detail: { status: 'reconnecting', lastHeard: Date.now() - 42_000 },
      }),
    ),
  );
  await expect(page.locator('.conn')).toHaveAttribute('data-status', 'reconnecting');
  for (const [width, height] of [
    [320, 640],
    [390, 844],
    [844, 390],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    const fit = await page.evaluate(() => ({
      scroll: document.scrollingElement!.scrollWidth,
      inner: window.innerWidth,
      bar: document.querySelector('.topbar')!.getBoundingClientRect().height,
    }));
    expect(fit.scroll, `${width}x${height}`).toBeLessThanOrEqual(fit.inner);
    // One line: the badge never wraps under the links.
    expect(fit.bar, `${width}x${height}`).toBeLessThan(70);
    for (const side of ['home', 'away']) {
      const score = page.locator(`#scoreboard .team-${side} .team-score`);
      await expect(score).toBeInViewport();
      const box = (await score.boundingBox())!;
      expect(box.x + box.width, `${side} score at ${width}`).toBeLessThanOrEqual(width);
    }
  }
  await expect(page.locator('#scoreboard .team-home .team-score')).toHaveText('5');
  // The score moving is said once, politely, in words.
  await round(g.id, { hole: 1, board: 0 }, NONE);
  await expect(page.locator('#scoreboard .team-home .team-score')).toHaveText('8');
  await expect(page.locator('.island [aria-live="polite"]')).toHaveText(
    'The Remarkably Long Named Bag Throwers 8, Hole Patrol 0. Round 3.',
  );
  expect(problems).toEqual([]);
});
