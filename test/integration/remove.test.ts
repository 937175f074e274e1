// DELETE /api/games/{id} across two `serve` processes with HUB=redis: the game's streams end on the
// other instance too, and every surface there answers 404 at once. Also: `serve` prints the
// organiser PIN.
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from '../kit/files.js';
import { cleanup, startTestServer } from '../kit/server.js';
import { SseClient } from '../kit/sse.js';

afterEach(cleanup);

it('ends the removed game’s streams on every instance', async () => {
  const env = {
    HUB: 'redis',
    REDIS_PREFIX: `bagtrax-it:${randomUUID()}:`,
    ORGANISER_PIN: '97531864',
  };
  const dataDir = tempDir();
  const a = await startTestServer({ child: true, dataDir, env });
  const b = await startTestServer({ child: true, dataDir, env });
  // `serve` prints the organiser PIN beside the keeper PIN for the headless organiser.
  expect(a.stdout.some((l) => l.startsWith('Organiser PIN: 97531864'))).toBe(true);
  const game = await a.createGame({ board: 1 });
  const kept = await a.createGame({ board: 2 });
  const onB = await SseClient.open(`${b.url}/games/${game.id}/events`);
  const keptOnB = await SseClient.open(`${b.url}/games/${kept.id}/events`);
  const venueOnB = await SseClient.open(`${b.url}/events`);
  expect(onB.status).toBe(200);

  const removed = await a.api('DELETE', `/api/games/${game.id}`, undefined, {
    Authorization: 'Bearer 97531864',
  });
  expect(removed.status).toBe(204);
  await onB.waitForEnd();
  expect(onB.ended).toBe(true);
  await venueOnB.waitFor((events) => events.some((e) => e.event === 'refresh-games'));
  for (const path of [`/api/games/${game.id}/state`, `/games/${game.id}/scoreboard`]) {
    expect((await b.api('GET', path)).status).toBe(404);
  }
  // A keeper's PIN is not enough to remove a game.
  expect((await b.api('DELETE', `/api/games/${kept.id}`)).json.code).toBe('organiser_required');
  expect(keptOnB.ended).toBe(false);
  for (const c of [keptOnB, venueOnB]) c.close();
});
