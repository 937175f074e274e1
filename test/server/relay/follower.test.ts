// A relay's follower against the Redis on 127.0.0.1:6379 (a prefix of its own), fed by a real
// publisher: when Redis comes back as an older copy of the venue (DUMP earlier, RESTORE now), the
// relay keeps the newer versions it shows, then takes what the primary sends.
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalHub } from '../../../server/hub/index.js';
import { Follower } from '../../../server/relay/follower.js';
import { VenueModel } from '../../../server/relay/model.js';
import { until } from '../../kit/until.js';
import { REDIS, onUndo, publishingVenue, undoAll } from './helpers.js';

afterEach(undoAll);

const WASH = { type: 'round', home: { hole: 0, board: 0 }, away: { hole: 0, board: 0 } } as const;

/** A venue with one game three rounds in, a relay following it, and a copy of Redis at that point. */
async function venueWithCopy() {
  const v = await publishingVenue();
  const created = v.games.create({ home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' }, board: 1 });
  const id = created.answer.state!.id;
  await v.publish(created);
  const round = () => v.publish(v.games.command(id, WASH));
  for (let i = 0; i < 3; i++) await round();
  const model = new VenueModel();
  const follower = await Follower.start({
    url: REDIS,
    prefix: v.prefix,
    venue: v.venue,
    model,
    hub: createLocalHub(),
    blockMs: 100,
    log: () => undefined,
  });
  onUndo(() => follower.close());
  await until(() => model.get(id)?.version === 3, 'the relay at version 3');
  const keys = Object.values(v.keys);
  const copy = await Promise.all(
    keys.map((k) => v.redis.sendCommand(['DUMP', k], { typeMapping: { 36: Buffer } })),
  );
  for (let i = 0; i < 3; i++) await round();
  await until(() => model.get(id)?.version === 6, 'the relay at version 6');
  /** Redis as it was at version 3, under the same epoch; the relay's versions seen meanwhile. */
  const restore = async () => {
    await v.redis.del(keys);
    for (const [i, dump] of copy.entries()) {
      if (dump !== null) await v.redis.sendCommand(['RESTORE', keys[i]!, '0', dump as unknown as string]);
    }
  };
  return { v, id, model, follower, round, restore };
}

/** Versions of `id` the model shows while `done` does not hold. */
async function watchVersions(model: VenueModel, id: string, done: () => boolean, what: string) {
  const seen: number[] = [];
  await until(() => (seen.push(model.get(id)?.version ?? -1), done()), what);
  return seen;
}

describe("a relay's follower", () => {
  it('keeps the newer versions when Redis comes back as an older copy, then takes the reset', async () => {
    const { v, id, model, follower, round, restore } = await venueWithCopy();
    const { epoch, reloads } = follower.status();
    await restore();
    expect(JSON.parse((await v.redis.hGet(v.keys.games, id))!).state.version).toBe(3);
    const during = await watchVersions(
      model,
      id,
      () => follower.status().reloads > reloads,
      'the relay to look',
    );
    expect(Math.min(...during, model.get(id)!.version)).toBe(6);
    // The primary's next write lands on the older copy: it sees the count go back and resets.
    await round();
    const reset = await v.redis.hGet(v.keys.meta, 'epoch');
    expect(reset).not.toBe(epoch);
    expect(JSON.parse((await v.redis.hGet(v.keys.games, id))!).state.version).toBe(7);
    const after = await watchVersions(model, id, () => follower.status().epoch === reset, 'the reload');
    expect(Math.min(...after, model.get(id)!.version)).toBeGreaterThanOrEqual(6);
    expect(model.get(id)!.version).toBe(7);
  });

  it('follows a primary that started again on the older copy without taking a version back', async () => {
    const { v, id, model, follower, round, restore } = await venueWithCopy();
    const { reloads } = follower.status();
    await restore();
    const during = await watchVersions(
      model,
      id,
      () => follower.status().reloads > reloads,
      'the relay to look',
    );
    // A new process knows nothing of the count it reached: it sends the venue under the same epoch.
    await v.restartPublisher();
    await round();
    const seen = await watchVersions(model, id, () => model.get(id)?.version === 7, 'version 7 on the relay');
    expect(Math.min(...during, ...seen)).toBeGreaterThanOrEqual(6);
    expect(follower.status().state).toBe('following');
    expect(model.venueSeq()).toBe(v.games.venueSeq());
  });
});
