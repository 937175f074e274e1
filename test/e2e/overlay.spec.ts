// The board overlay in a real browser, framed by another site's page as a stream overlay or a league's
// website frames it: it renders on a transparent page (the embedding page's colour shows through all
// around the score bug), updates live on every round and when the next game takes the board, and a
// game page framed the same way is refused. A 1920×1080 picture over a coloured background is saved
// to test-results/overlay/ for a person to look at.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { allowProblems } from './helpers-live.js';

const GREEN: [number, number, number] = [0, 177, 64];
const SHOTS = 'test-results/overlay';

/** Another site (its own origin): a chroma-green page that frames `src` at full size. */
async function embeddingSite(): Promise<{ url: (src: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>League site</title><style>
      html, body { margin: 0; height: 100%; background: rgb(${GREEN.join(',')}); }
      iframe { display: block; width: 100vw; height: 100vh; border: 0; }
    </style></head><body><iframe id="overlay" src="${src.replace(/"/g, '&quot;')}"></iframe></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (src) => `${origin}/?src=${encodeURIComponent(src)}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** The colours of a screenshot at the given points, decoded by the browser itself. */
async function pixels(page: Page, png: Buffer, points: Array<[number, number]>): Promise<number[][]> {
  return page.evaluate(
    async ({ data, points }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return points.map(([x, y]) => [...g.getImageData(x, y, 1, 1).data]);
    },
    { data: png.toString('base64'), points },
  );
}

const near = (a: number[], b: readonly number[]) => a.slice(0, 3).every((v, i) => Math.abs(v - b[i]!) <= 6);

test('a framed board overlay is transparent, big and live; a framed game page is refused', async ({
  page,
  server,
  problems,
}) => {
  const first = await server.createGame({
    home: { name: 'Bag Daddies' },
    away: { name: 'Hole Patrol' },
    board: 1,
  });
  const second = await server.createGame({
    home: { name: 'Toss Bosses' },
    away: { name: 'The Corn Identity' },
    board: 1,
  });
  const site = await embeddingSite();
  try {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(site.url(`${server.url}/boards/1/overlay`));
    const frame = page.frameLocator('#overlay');
    const bug = frame.locator('#bug');
    await expect(bug.locator('.bug-home .bug-name')).toHaveText('Bag Daddies');
    await expect(bug.locator('.bug-away .bug-name')).toHaveText('Hole Patrol');
    await expect(bug.locator('.bug-caption')).toContainText('Board 1');
    await expect(bug.locator('.bug-caption')).toContainText('Round 1');
    await expect(frame.locator('#live')).toHaveAttribute('data-connection', 'live');

    // Big digits on a 1080p frame: the scores stand well over 50 px tall.
    const digits = await bug.locator('.bug-home .bug-score').boundingBox();
    expect(digits!.height).toBeGreaterThan(50);

    // A round on the board: the bug follows without a reload.
    const round = { home: { hole: 1, board: 1 }, away: { hole: 0, board: 1 } };
    expect((await server.api('POST', `/api/games/${first.id}/rounds`, round)).status).toBe(200);
    await expect(bug.locator('.bug-home .bug-score')).toHaveText('3');
    await expect(bug.locator('.bug-away .bug-score')).toHaveText('0');
    await expect(bug.locator('.bug-caption')).toContainText('Round 2');

    mkdirSync(SHOTS, { recursive: true });
    const shot = await page.screenshot({ path: `${SHOTS}/board-overlay-1920x1080.png` });
    const box = (await bug.boundingBox())!;
    const [outside, below, inside] = await pixels(page, shot, [
      [1800, 1000],
      [Math.round(box.x + 20), Math.round(box.y + box.height + 40)],
      [Math.round(box.x + box.width / 2), Math.round(box.y + box.height - 8)],
    ]);
    // The page around the bug paints nothing: the embedding site's green shows through.
    expect(near(outside!, GREEN), `outside ${outside}`).toBe(true);
    expect(near(below!, GREEN), `below ${below}`).toBe(true);
    // The bug itself is a dark panel that white type reads on, over any video.
    expect(near(inside!, GREEN), `inside ${inside}`).toBe(false);
    expect(Math.max(...inside!.slice(0, 3))).toBeLessThan(90);

    // The game ends; the next game in the board's line takes the board, and the bug shows it.
    const win = { home: { hole: 4, board: 0 }, away: { hole: 0, board: 0 } };
    for (let i = 0; i < 2; i++) await server.api('POST', `/api/games/${first.id}/rounds`, win);
    await expect(bug.locator('.bug-caption')).toContainText('Final');
    await expect(bug.locator('.bug-won .bug-name')).toHaveText('Bag Daddies');
    await page.screenshot({ path: `${SHOTS}/board-overlay-final-1920x1080.png` });
    expect(
      (await server.api('POST', '/host/boards/1/next', undefined, { Origin: server.url })).status,
    ).toBeLessThan(400);
    await expect(bug.locator('.bug-home .bug-name')).toHaveText('Toss Bosses');
    await expect(bug).toHaveAttribute('data-game', second.id);

    // A page that is not an overlay refuses to be framed: its frame never shows the game.
    await page.goto(site.url(`${server.url}/games/${second.id}`));
    await expect(page.frameLocator('#overlay').locator('h1, .scoreboard').first()).toHaveCount(0);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed?.url() ?? '').not.toContain(`/games/${second.id}`);
    // The browser's own line about that refusal is expected; nothing else may be on the console.
    allowProblems(problems, /frame-ancestors|Refused to (display|frame)/);
  } finally {
    await site.close();
  }
});

test('opened on its own (a streaming app’s browser source), the overlay page paints no background', async ({
  page,
  server,
  problems,
}) => {
  expect(problems).toEqual([]);
  const g = await server.createGame({ home: { name: 'Slide Rules' }, away: { name: 'Four Bagger Club' } });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${server.url}/games/${g.id}/overlay`);
  await expect(page.locator('#live')).toHaveAttribute('data-connection', 'live');
  await expect(page.locator('.bug-home .bug-name')).toHaveText('Slide Rules');
  // A live bug is at full strength (it dims while its stream is down).
  await expect(page.locator('#bug')).toHaveCSS('opacity', '1');
  const shot = await page.screenshot({ omitBackground: true, path: `${SHOTS}/game-overlay-alpha.png` });
  const box = (await page.locator('#bug').boundingBox())!;
  const [corner, inside] = await pixels(page, shot, [
    [1900, 1060],
    [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
  ]);
  expect(corner![3], 'alpha away from the bug').toBe(0);
  expect(inside![3], 'alpha inside the bug').toBeGreaterThan(200);
  // Readable by everyone, screen readers included (axe: nothing serious or critical).
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
  const round = { home: { hole: 0, board: 1 }, away: { hole: 1, board: 0 } };
  expect((await server.api('POST', `/api/games/${g.id}/rounds`, round)).status).toBe(200);
  await expect(page.locator('.bug-away .bug-score')).toHaveText('2');
});
