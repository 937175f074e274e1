// A venue publishing to the Redis on 127.0.0.1:6379 under a prefix of its own, for the relay's unit
// tests: the games service, its publisher, a hub that hands it every change as the routes do, and
// what Redis then holds. Everything is undone by undoAll().
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { WriteResult } from '../../../server/games.js';
import { createLocalHub } from '../../../server/hub/index.js';
import { parseEntry, venueKeys } from '../../../server/relay/protocol.js';
import { Publisher, publishingHub } from '../../../server/relay/publisher.js';
import { settle } from '../../../server/routes/answers.js';
import { testDeps } from '../../kit/app.js';

export const REDIS = 'redis://127.0.0.1:6379';

const undo: Array<() => Promise<unknown>> = [];

export async function undoAll(): Promise<void> {
  for (const f of undo.splice(0).reverse()) await f();
}

export async function publishingVenue() {
  const t = await testDeps();
  undo.push(() => t.close());
  const prefix = `bagtrax-test:${randomBytes(6).toString('hex')}:`;
  const venue = 'night';
  const keys = venueKeys(prefix, venue);
  const start = () =>
    Publisher.start({
      url: REDIS,
      prefix,
      venue,
      games: t.games,
      streamLength: 1000,
      heartbeatMs: 60_000,
      log: () => undefined,
    });
  let publisher = await start();
  undo.push(() => publisher.close());
  const redis = createClient({ url: REDIS });
  await redis.connect();
  undo.push(async () => {
    await redis.del(Object.values(keys));
    await redis.close();
  });
  await publisher.settled();
  const hub = publishingHub(createLocalHub(), () => publisher);
  return {
    games: t.games,
    redis,
    keys,
    prefix,
    venue,
    /** Publishes accepted writes as the routes do, then waits until Redis has them. */
    async publish(...results: WriteResult[]) {
      for (const r of results) settle(hub, r);
      await new Promise((resolve) => setImmediate(resolve));
      await publisher.settled();
    },
    /** Every item of every entry after the first (the reset), as `kind id: event ids`. */
    async items() {
      const raw = (await redis.sendCommand(['XRANGE', keys.stream, '-', '+'])) as Array<[string, string[]]>;
      return raw
        .slice(1)
        .map(([id, flat]) => parseEntry(id, flat)!)
        .flatMap((e) => e.items.map((i) => `${i.kind} ${i.id}: ${i.events.map((ev) => ev.id).join(',')}`));
    },
    /** The primary stopped and started again (a new process knows nothing of what it sent). */
    async restartPublisher() {
      await publisher.close();
      publisher = await start();
      await publisher.settled();
    },
  };
}

/** Undone with the rest by undoAll(). */
export function onUndo(f: () => Promise<unknown>): void {
  undo.push(f);
}
