// Issue 12, in real browsers: the keeper pad's outbox through a Wi-Fi drop. Two "In" taps while the
// phone is offline, another keeper's bag meanwhile: once the pad is back, the server holds only the
// other keeper's bag until the keeper decides; "send" records each tap once, "discard" records nothing.
// Both ways a drop looks: the browser offline with its stream still open, and the stream cut too.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { removeTempDirs, tempDir } from '../kit/files.js';
import { startTestServer, type TestServer } from '../kit/server.js';
import { TEST_PIN } from '../kit/settings.js';
import { expect, test } from './fixtures.js';
import { allowProblems, expectLive, keeperContextFor, openWatched, tap } from './helpers-live.js';

const teams = { home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' } };

/** What the page logs while its server is away: expected here. */
const OUTAGE = [/htmx:sse:error: (Failed to fetch|network error)/];

const servers: TestServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  removeTempDirs();
});

async function start(dataDir: string, port = 0): Promise<TestServer> {
  const server = await startTestServer({ dataDir, port });
  servers.push(server);
  return server;
}

async function serverState(server: TestServer, id: string) {
  const answer = await server.api('GET', `/api/games/${id}/state`);
  expect(answer.status).toBe(200);
  return answer.json as {
    version: number;
    round: Record<'home' | 'away', { hole: number; board: number; miss: number }>;
  };
}

/** The outbox's stored queue for a game, as the pad left it in localStorage. */
function stored(pad: Page, id: string): Promise<string | null> {
  return pad.evaluate((key) => localStorage.getItem(key), `bagtrax:outbox:${id}`);
}

/** Idempotency-Keys of the pad's throws, in the order they were sent. */
function throwKeys(pad: Page): string[] {
  const keys: string[] = [];
  pad.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/throws')) {
      keys.push(r.headers()['idempotency-key'] ?? '');
    }
  });
  return keys;
}

type Venue = { server: TestServer; context: BrowserContext; pad: Page; id: string };

async function openVenue(browser: Browser, problems: string[]): Promise<Venue> {
  const dir = tempDir();
  const server = await start(dir);
  const game = await server.createGame(teams);
  const context = await keeperContextFor(browser, server);
  const pad = await openWatched(context, problems, `${server.url}/keep/${game.id}`);
  await expectLive(pad);
  return { server, context, pad, id: game.id };
}

/**
 * The race of the issue, up to the moment the pad is back and has heard the server: two "In" taps
 * while offline, one "In" by another keeper meanwhile.
 */
async function race(venue: Venue, streamCut: boolean): Promise<TestServer> {
  const { context, pad, id } = venue;
  let server = venue.server;
  await context.setOffline(true);
  await tap(pad, 'home', 'hole');
  await tap(pad, 'home', 'hole');
  await expect(pad.locator('.pad-pending .chip')).toHaveText(['Bag Daddies · In', 'Bag Daddies · In']);
  await expect(pad.locator('.pad-pending-title')).toHaveText('No connection: 2 taps waiting');

  if (streamCut) {
    // The stream's connection goes too: the server end closes while the phone is offline.
    const { port, dataDir } = server;
    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    await expect(pad.locator('.conn')).toHaveAttribute('data-status', /offline|reconnecting/);
    server = await start(dataDir, port);
  }
  const other = await server.api('POST', `/api/games/${id}/throws`, { side: 'away', result: 'hole' });
  expect(other.status).toBe(200);
  if (streamCut) {
    // The pad cannot have heard of it: its stream is gone.
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '0');
  } else {
    // The stream is still open: the pad sees the other keeper's bag while its own taps wait.
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '1');
    await expect(pad.locator('.pad-pending .chip')).toHaveCount(2);
  }

  await context.setOffline(false);
  const alert = pad.locator('.pad-alert');
  await expect(alert.locator('.pad-message')).toHaveText(
    'Another keeper recorded a bag while you were offline.',
  );
  await expect(alert.locator('.pad-held-row').first().locator('.chip')).toHaveText(['Hole Patrol · In']);
  await expect(alert.locator('.pad-held-row').nth(1).locator('.chip')).toHaveText([
    'Bag Daddies · In',
    'Bag Daddies · In',
  ]);
  await expect(alert.locator('.pad-send')).toHaveText('Send them on the new score');
  // The pad shows the score the server holds, and nothing else waits to be sent.
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '1');
  await expect(pad.locator('.pad-pending')).toBeHidden();
  const held = await serverState(server, id);
  expect(held.version).toBe(1);
  expect(held.round.home).toEqual({ hole: 0, board: 0, miss: 0 });
  expect(held.round.away).toEqual({ hole: 1, board: 0, miss: 0 });
  return server;
}

for (const streamCut of [false, true]) {
  const how = streamCut ? 'the stream cut too' : 'its stream still open';

  test(`offline with ${how}: the server holds only the other keeper's bag; "send" records each tap once`, async ({
    browser,
    problems,
  }) => {
    const venue = await openVenue(browser, problems);
    const keys = throwKeys(venue.pad);
    const server = await race(venue, streamCut);
    const { pad, id } = venue;

    // The queue stopped at the first refusal: only the first tap was ever tried.
    const tried = [...keys];
    expect(new Set(tried).size).toBe(1);
    await pad.click('.pad-held .pad-send');
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '3');
    await expect(pad.locator('.pad-alert')).toBeHidden();
    await expect(pad.locator('.pad-pending')).toBeHidden();
    const after = await serverState(server, id);
    expect(after.version).toBe(3);
    expect(after.round.home).toEqual({ hole: 2, board: 0, miss: 0 });
    expect(after.round.away).toEqual({ hole: 1, board: 0, miss: 0 });
    // Re-stamped on the new score with two new keys, each sent once.
    const resent = keys.slice(tried.length);
    expect(resent).toHaveLength(2);
    expect(new Set([...resent, tried[0]]).size).toBe(3);
    expect(await stored(pad, id)).toBeNull();
    await venue.context.close();
    allowProblems(problems, ...OUTAGE);
  });

  test(`offline with ${how}: "discard" records nothing`, async ({ browser, problems }) => {
    const venue = await openVenue(browser, problems);
    const server = await race(venue, streamCut);
    const { pad, id } = venue;

    await pad.click('.pad-held .pad-discard');
    await expect(pad.locator('.pad-alert')).toBeHidden();
    await expect(pad.locator('.pad-pending')).toBeHidden();
    expect(await stored(pad, id)).toBeNull();
    // The pad goes on from the server's score: the next tap is based on version 1.
    await tap(pad, 'home', 'board');
    await expect(pad.locator('.pad')).toHaveAttribute('data-version', '2');
    const after = await serverState(server, id);
    expect(after.round.home).toEqual({ hole: 0, board: 1, miss: 0 });
    expect(after.round.away).toEqual({ hole: 1, board: 0, miss: 0 });
    await venue.context.close();
    allowProblems(problems, ...OUTAGE);
  });
}

test('taps waiting when the pad is reloaded are still there, and go with the keys they were given', async ({
  keeperContext,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  const pad = await openWatched(keeperContext, problems, `${server.url}/keep/${game.id}`);
  await expectLive(pad);
  const keys = throwKeys(pad);
  await pad.route('**/api/games/*/throws', (route) => route.abort('internetdisconnected'));
  await tap(pad, 'away', 'board');
  await tap(pad, 'home', 'miss');
  await expect(pad.locator('.pad-pending .chip')).toHaveText(['Hole Patrol · On', 'Bag Daddies · Off']);
  const before = [...new Set(keys)];
  expect(before).toHaveLength(1); // the queue sends one at a time: only the first has been tried

  const triedBefore = keys.length;
  await pad.reload();
  await expectLive(pad);
  await expect(pad.locator('.pad-pending .chip')).toHaveText(['Hole Patrol · On', 'Bag Daddies · Off']);
  await expect(pad.locator('.pad-away .pad-left')).toHaveText('3 bags left');
  // The reloaded pad tries the same first tap again, with the same key.
  await expect.poll(() => keys.length).toBeGreaterThan(triedBefore);
  expect(new Set(keys.slice(triedBefore))).toEqual(new Set(before));

  await pad.unroute('**/api/games/*/throws');
  await tap(pad, 'away', 'hole'); // a third tap behind them, and the connection back
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '3');
  await expect(pad.locator('.pad-pending')).toBeHidden();
  const after = await serverState(server, game.id);
  expect(after.version).toBe(3);
  expect(after.round.away).toEqual({ hole: 1, board: 1, miss: 0 });
  expect(after.round.home).toEqual({ hole: 0, board: 0, miss: 1 });
  expect(new Set(keys).size).toBe(3);
  expect(await stored(pad, game.id)).toBeNull();
});

test('taps on hold after a conflict are still on hold after a reload, until the keeper decides', async ({
  browser,
  problems,
}) => {
  const venue = await openVenue(browser, problems);
  const server = await race(venue, false);
  const { pad, id } = venue;
  await pad.reload();
  await expectLive(pad);
  await expect(pad.locator('.pad-message')).toHaveText(
    'Another keeper recorded a bag while you were offline.',
  );
  await expect(pad.locator('.pad-held-row').nth(1).locator('.chip')).toHaveText([
    'Bag Daddies · In',
    'Bag Daddies · In',
  ]);
  expect((await serverState(server, id)).version).toBe(1);
  await pad.click('.pad-held .pad-send');
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '3');
  expect((await serverState(server, id)).round.home).toEqual({ hole: 2, board: 0, miss: 0 });
  await venue.context.close();
  allowProblems(problems, ...OUTAGE);
});

test('signed out, the taps wait and the sign-in comes back to the pad, which sends them', async ({
  browser,
  server,
  problems,
}) => {
  const game = await server.createGame(teams);
  const context = await keeperContextFor(browser, server);
  const pad = await openWatched(context, problems, `${server.url}/keep/${game.id}`);
  await expectLive(pad);
  await context.clearCookies(); // the session ended (a new PIN, or "sign out every keeper")

  await tap(pad, 'home', 'hole');
  await expect(pad.locator('.pad-message')).toHaveText('Signed out: 1 tap waits.');
  await expect(pad.locator('.pad-pending .chip')).toHaveText(['Bag Daddies · In']);
  expect((await serverState(server, game.id)).version).toBe(0);

  await pad.click('.pad-signin');
  await pad.fill('#pin', TEST_PIN);
  await pad.click('button[type=submit]');
  await pad.waitForURL(`${server.url}/keep/${game.id}`);
  await expect(pad.locator('.pad')).toHaveAttribute('data-version', '1');
  await expect(pad.locator('.pad-pending')).toBeHidden();
  await expect(pad.locator('.pad-alert')).toBeHidden();
  expect((await serverState(server, game.id)).round.home).toEqual({ hole: 1, board: 0, miss: 0 });
  await context.close();
});
