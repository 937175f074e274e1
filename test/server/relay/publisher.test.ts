// The primary's publisher against the Redis on 127.0.0.1:6379 (a prefix of its own): what one change
// writes for relays when the games service moves on before the change is published.
import { afterEach, describe, expect, it } from 'vitest';
import { publishingVenue, undoAll } from './helpers.js';

afterEach(undoAll);

describe('the publisher', () => {
  it('sends a game created after the start with the venue that lists it, before its first bag', async () => {
    const { games, redis, keys, publish } = await publishingVenue();
    const created = games.create({ home: { name: 'Bag Daddies' }, away: { name: 'Hole Patrol' }, board: 1 });
    expect(created.kind).toBe('accepted');
    await publish(created);
    const id = created.answer.state!.id;
    const doc = JSON.parse((await redis.hGet(keys.games, id))!) as { state: { version: number } };
    expect(doc.state.version).toBe(0);
    const venue = JSON.parse((await redis.get(keys.venue))!) as { list: Array<{ id: string }> };
    expect(venue.list.map((g) => g.id)).toEqual([id]);
  });

  it("keeps every change's venue events when the venue had already moved on by the time it was published", async () => {
    const { games, publish, items } = await publishingVenue();
    // Both committed before either is published (as two keepers' requests can be): the first
    // change's venue doc already holds the second's sequence.
    const a = games.create({ home: { name: 'A' }, away: { name: 'B' }, board: 1 });
    const b = games.create({ home: { name: 'C' }, away: { name: 'D' }, board: 2 });
    await publish(a, b);
    const seqA = a.kind === 'accepted' ? a.change.venueSeq : -1;
    const seqB = b.kind === 'accepted' ? b.change.venueSeq : -1;
    expect(seqB).toBe(seqA + 1);
    expect((await items()).filter((i) => i.startsWith('venue'))).toEqual([
      `venue : ${seqA}`,
      `venue : ${seqB}`,
    ]);
  });

  it("sends a later change's game events though a doc sent without events already held that change", async () => {
    const { games, publish, items } = await publishingVenue();
    // The game is created, then a keeper's first bag commits before the creation is published: the
    // creation's doc (sent without events) already holds version 1, whose events must still go.
    const created = games.create({ home: { name: 'Toss' }, away: { name: 'Bosses' }, board: 1 });
    const id = created.kind === 'accepted' ? created.answer.state!.id : '';
    const bag = games.command(id, { type: 'throw', side: 'home', result: 'hole' });
    expect(bag.kind).toBe('accepted');
    await publish(created, bag);
    expect((await items()).filter((i) => i.startsWith(`game ${id}`))).toEqual([
      `game ${id}: `,
      `game ${id}: 1,1`,
    ]);
  });
});
