// Publishing again at a topic's current id (a waiting game's place in line moves no version): the
// streams get the events once more, never an id below the last, and through Redis the same, also
// when Redis was away at the time (a private redis-server, so it can be stopped and refused).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalHub, createRedisHub, type Hub } from '../../../server/hub/index.js';
import { adminClient, hasRedisServer, startPrivateRedis } from '../../integration/redis-admin.js';
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

describe.skipIf(!hasRedisServer())('publish again while Redis is away', () => {
  /** Two instances on a private Redis; `db.place` plays the database's part for their resyncs. */
  async function pair() {
    const redis = await startPrivateRedis();
    cleanup.push(() => redis.kill());
    const db = { place: 1 };
    const statuses: string[] = [];
    const make = (name: string) =>
      createRedisHub({
        url: redis.url,
        prefix: 'bagtrax-test:',
        clientName: name,
        resync: () => gameEvents(3, `{"place":${db.place}}`),
        onStatus: (s) => statuses.push(`${name}:${s}`),
        log: () => {},
      });
    const a = await make('hub-a');
    const b = await make('hub-b');
    await serve(a);
    const onB = await serve(b);
    const c = await openStream(onB.url, 'game:w');
    cleanup.push(async () => c.close());
    await until(() => c.events.length === 2, 'the initial pair');
    return { redis, db, statuses, a, c };
  }

  /**
   * One connection of a hub goes (its publisher, or its subscriber: `psub` 0 or 1), and Redis turns
   * its reconnects away until `release()`.
   */
  async function drop(url: string, statuses: string[], hub: string, psub: 0 | 1) {
    const admin = await adminClient(url);
    cleanup.push(() => admin.close());
    const list = String(await admin.sendCommand(['CLIENT', 'LIST']))
      .trim()
      .split('\n');
    const conn = list.filter((l) => l.includes(` name=${hub} `) && l.includes(` psub=${psub} `));
    expect(conn).toHaveLength(1);
    await admin.sendCommand(['CONFIG', 'SET', 'maxclients', String(list.length - 1)]);
    await admin.sendCommand(['CLIENT', 'KILL', 'ID', /^id=(\d+)/.exec(conn[0]!)![1]!]);
    await until(() => statuses.includes(`${hub}:down`), `${hub} to see its connection gone`);
    return async () => {
      await admin.sendCommand(['CONFIG', 'SET', 'maxclients', '10000']);
    };
  }

  // Only A's publisher goes: B's subscriber stays, so B has no reason to resync by itself.
  const dropPublisher = (url: string, statuses: string[]) => drop(url, statuses, 'hub-a', 0);

  it('reaches the other instance once the publisher is back, when only its publisher was away', async () => {
    const { redis, db, statuses, a, c } = await pair();
    const release = await dropPublisher(redis.url, statuses);
    db.place = 2;
    a.publish('game:w', gameEvents(3, '{"place":2}'), { again: true });
    await release();
    await until(() => statuses.at(-1) === 'hub-a:up', 'A up again');
    await until(() => c.events.some((e) => e.data === '{"place":2}'), 'the new place on B');
    expect(c.events.map((e) => `${e.id}:${e.data}`)).toEqual([
      '3:changed',
      '3:{"place":1}',
      '3:changed',
      '3:{"place":2}',
    ]);
  });

  it('reaches the other instance after Redis restarts, whichever of them reconnects first', async () => {
    const { redis, db, statuses, a, c } = await pair();
    await redis.kill();
    await until(() => statuses.includes('hub-a:down') && statuses.includes('hub-b:down'), 'both down');
    db.place = 2;
    a.publish('game:w', gameEvents(3, '{"place":2}'), { again: true });
    await redis.restart();
    await until(() => c.events.some((e) => e.data === '{"place":2}'), 'the new place on B');
    // Once there, it stays: nothing older comes after it.
    await until(() => statuses.filter((s) => s.endsWith(':up')).length >= 2, 'both up again');
    expect(c.events.at(-1)).toMatchObject({ id: '3', event: 'state', data: '{"place":2}' });
  });

  it('reaches a subscriber that was away through its resync, and only what changed', async () => {
    const { redis, db, statuses, a, c } = await pair();
    const release = await drop(redis.url, statuses, 'hub-b', 1);
    db.place = 2;
    a.publish('game:w', gameEvents(3, '{"place":2}'), { again: true });
    await release();
    await until(() => statuses.at(-1) === 'hub-b:up', 'B up again');
    await until(() => c.events.some((e) => e.data === '{"place":2}'), 'the new place on B');
    // Another outage with nothing new: the resync sends nothing twice.
    const release2 = await drop(redis.url, statuses, 'hub-b', 1);
    await release2();
    await until(() => statuses.filter((x) => x === 'hub-b:up').length === 2, 'B up once more');
    a.publish('game:w', gameEvents(4));
    await until(() => c.events.some((e) => e.id === '4'), 'the next version');
    expect(c.events.map((e) => `${e.id}:${e.data}`)).toEqual([
      '3:changed',
      '3:{"place":1}',
      '3:changed',
      '3:{"place":2}',
      '4:changed',
      '4:{"version":4}',
    ]);
  });

  it('ends the removed game’s streams on the other instance once the publisher is back', async () => {
    const { redis, statuses, a, c } = await pair();
    const release = await dropPublisher(redis.url, statuses);
    a.end('game:w');
    await release();
    await until(() => c.ended, 'the stream on B to end');
  });
});
