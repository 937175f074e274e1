// Publishing again at a topic's current id (a waiting game's place in line moves no version): the
// streams get the events once more, never an id below the last, and through Redis the same.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalHub, createRedisHub, type Hub } from '../../../server/hub/index.js';
import { until } from '../../kit/until.js';
import { gameEvents, openStream, startHubServer } from './helpers.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function serve(hub: Hub) {
  const server = await startHubServer(hub, () => gameEvents(3, '{"place":1}'));
  cleanup.push(
    () => hub.close(),
    () => server.close(),
  );
  return server;
}

describe('publish again', () => {
  it('delivers at the current id only when asked, and never below it', async () => {
    const hub = createLocalHub();
    const server = await serve(hub);
    const c = await openStream(server.url, 'game:w');
    await until(() => c.events.length === 2, 'the initial pair');

    hub.publish('game:w', gameEvents(3, '{"place":2}'));
    hub.publish('game:w', gameEvents(3, '{"place":2}'), { again: true });
    hub.publish('game:w', gameEvents(2, '{"place":0}'), { again: true });
    hub.publish('game:w', gameEvents(4, '{"place":3}'));
    await until(() => c.events.some((e) => e.id === '4'), 'the next version');
    expect(c.events.map((e) => `${e.id}:${e.event}:${e.data}`)).toEqual([
      '3:refresh-scoreboard:changed',
      '3:state:{"place":1}',
      '3:refresh-scoreboard:changed',
      '3:state:{"place":2}',
      '4:refresh-scoreboard:changed',
      '4:state:{"place":3}',
    ]);
    c.close();
  });

  it('travels through Redis to the other instance as a publish again', async () => {
    const prefix = `bagtrax-test:${randomUUID()}:`;
    const make = () =>
      createRedisHub({ url: 'redis://127.0.0.1:6379', prefix, resync: () => null, log: () => {} });
    const a = await make();
    const b = await make();
    await serve(a);
    const onB = await serve(b);
    const c = await openStream(onB.url, 'game:w');
    await until(() => c.events.length === 2, 'the initial pair');
    a.publish('game:w', gameEvents(3, '{"place":2}'), { again: true });
    await until(() => c.events.length === 4, 'the pair again, through Redis');
    expect(c.events[3]).toMatchObject({ id: '3', event: 'state', data: '{"place":2}' });
    // Without `again`, the same id is a duplicate and is dropped.
    a.publish('game:w', gameEvents(3, '{"place":9}'));
    a.publish('game:w', gameEvents(4));
    await until(() => c.events.some((e) => e.id === '4'), 'the next version');
    expect(c.events.some((e) => e.data === '{"place":9}')).toBe(false);
    c.close();
  });
});
