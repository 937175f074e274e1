// Remote spectators in real browsers (issue 17): the organiser switches publishing on from the host
// console; a spectator far away opens a relay on a phone and its TV wall; a keeper scores on the
// venue's own pad; the relay's pages follow every bag without a reload, show the relay's own join
// address, and offer nothing to sign in to.
import { randomUUID } from 'node:crypto';
import { startRelay, type RunningRelay } from '../../server/relay/start.js';
import { startTestServer, type InProcessServer } from '../kit/server.js';
import { relaySettings } from '../kit/settings.js';
import { expect, test } from './fixtures.js';
import {
  expectLive,
  expectNoReload,
  keeperContextFor,
  markWindow,
  openWatched,
  organiserContextFor,
  PHONE,
  tap,
} from './helpers-live.js';

const PUBLIC = 'https://live.example.org/';

test('a spectator on a relay follows a game the venue scores, live, read-only', async ({
  browser,
  problems,
}) => {
  const prefix = `bagtrax-e2e-relay:${randomUUID()}:`;
  const venueName = `e2e-${randomUUID().slice(0, 8)}`;
  let primary: InProcessServer | null = null;
  let relay: RunningRelay | null = null;
  try {
    primary = await startTestServer({ redisPrefix: prefix, venue: venueName });
    relay = await startRelay(relaySettings({ venue: venueName, redisPrefix: prefix, publicUrl: PUBLIC }));
    const game = await primary.createGame({
      home: { name: 'Bag Daddies' },
      away: { name: 'Hole Patrol' },
      board: 1,
    });

    // The organiser shares the venue from the host console.
    const host = await openWatched(
      await organiserContextFor(browser, primary),
      problems,
      `${primary.url}/host`,
    );
    const card = host.locator('.relay-card');
    await expect(card).toContainText('Off: only phones on the venue Wi-Fi');
    await expect(card).toContainText(`VENUE=${venueName}`);
    await card.getByRole('button', { name: 'Publish for relays' }).click();
    await expect(host.getByText(`Publishing venue ${venueName} for relays.`)).toBeVisible();
    await expect(host.locator('.relay-card')).toContainText('On: relays show the boards');

    // The relay wakes on the venue's first entry (it may be between two looks for a moment).
    await expect.poll(() => relay!.status().state).toBe('following');

    // A spectator at home, on a phone, on the relay.
    const far = await browser.newContext({ viewport: PHONE });
    const watcher = await openWatched(far, problems, `${relay.url}/games/${game.id}`);
    await expectLive(watcher);
    await markWindow(watcher);
    await expect(watcher.locator('.nav-keeper')).toHaveCount(0);
    const boards = await openWatched(far, problems, `${relay.url}/`);
    await expectLive(boards);
    await expect(boards.getByText('Bag Daddies').first()).toBeVisible();

    // The keeper scores on the venue's own pad.
    const pad = await openWatched(
      await keeperContextFor(browser, primary),
      problems,
      `${primary.url}/keep/${game.id}`,
    );
    await expectLive(pad);
    for (const [side, result] of [
      ['home', 'hole'],
      ['away', 'board'],
      ['home', 'hole'],
    ] as const) {
      await tap(pad, side, result);
    }
    const scoreboard = watcher.locator('#scoreboard');
    await expect(scoreboard).toHaveAttribute('data-version', '3');
    await expect(watcher.locator('.island')).toHaveAttribute('data-version', '3');
    await expectNoReload(watcher);

    // The relay's TV wall shows the relay's own address to join, not the venue laptop's.
    const tv = await openWatched(
      await browser.newContext({ viewport: { width: 1920, height: 1080 } }),
      problems,
      `${relay.url}/tv`,
    );
    await expect(tv.getByText('live.example.org').first()).toBeVisible();
    await expect(tv.locator('svg').first()).toBeVisible();

    // Nothing to sign in to: the keeper's pages answer read-only.
    const refused = await watcher.goto(`${relay.url}/keep/${game.id}`);
    expect(refused?.status()).toBe(405);
  } finally {
    await relay?.stop();
    await primary?.stop();
  }
});
