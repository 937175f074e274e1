// The Redis hub against a real Redis on 127.0.0.1:6379: fan-out across instances, deduplication,
// recovery after Redis drops its connections, and isolation between prefixes.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisHub, type Hub, type SseEvent } from '../../../server/hub/index.js';
import { asReceived } from '../../kit/sse.js';
import { until } from '../../kit/until.js';
import { gameEvents, openStream, startHubServer, type HubServer } from './helpers.js';

const REDIS = 'redis://127.0.0.1:6379';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

interface Instance {
  hub: Hub;
  server: HubServer;
  resyncs: string[];
  statuses: string[];
}

/** One app instance: a Redis hub and a server in front of it; `db` plays the database's part. */
async function instance(
  prefix: string,
  db: { version: number },
  extra: { instanceId?: string; clientName?: string } = {},
): Promise<Instance> {
  const resyncs: string[] = [];
  const statuses: string[] = [];
  const hub = await createRedisHub({
    url: REDIS,
    prefix,
    ...extra,
    resync: (topic) => (resyncs.push(topic), topic === 'venue' ? null : gameEvents(db.version)),
    onStatus: (s) => statuses.push(s),
    log: () => {},
  });
  const server = await startHubServer(hub, (topic) => (topic === 'venue' ? [] : gameEvents(db.version)));
  cleanup.push(
    () => hub.close(),
    () => server.close(),
  );
  return { hub, server, resyncs, statuses };
}

async function admin(): Promise<ReturnType<typeof createClient>> {
  const client = createClient({ url: REDIS });
  await client.connect();
  cleanup.push(() => client.close());
  return client;
}

const wire = (i: string, e: SseEvent[]): string => JSON.stringify({ i, e });
const newPrefix = (): string => `bagtrax-test:${randomUUID()}:`;

describe('redis hub', () => {
  it('delivers a publish on one instance to streams on both, exactly once and in order', async () => {
    const prefix = newPrefix();
    const db = { version: 0 };
    const a = await instance(prefix, db);
    const b = await instance(prefix, db);
    const onA = await openStream(a.server.url, 'game:g');
    const onB = await openStream(b.server.url, 'game:g');
    await until(() => onA.events.length === 2 && onB.events.length === 2, 'initial events');

    for (let v = 1; v <= 6; v++) a.hub.publish('game:g', gameEvents(v));
    await until(() => onA.ids().includes(6) && onB.ids().includes(6), 'version 6 on both');
    const expected = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6];
    expect(onA.ids()).toEqual(expected);
    expect(onB.ids()).toEqual(expected);
    expect(onB.events.slice(-2)).toEqual(asReceived(gameEvents(6)));
  });

  it('skips messages tagged with its own instance id', async () => {
    const prefix = newPrefix();
    const db = { version: 0 };
    const a = await instance(prefix, db, { instanceId: 'hub-a' });
    const b = await instance(prefix, db, { instanceId: 'hub-b' });
    const onA = await openStream(a.server.url, 'venue');
    const onB = await openStream(b.server.url, 'venue');
    await until(() => a.hub.count('venue') === 1 && b.hub.count('venue') === 1, 'streams');

    const redis = await admin();
    await redis.publish(
      `${prefix}venue`,
      wire('hub-a', [{ id: 7, event: 'refresh-games', data: 'changed' }]),
    );
    await redis.publish(
      `${prefix}venue`,
      wire('other', [{ id: 8, event: 'refresh-board-2', data: 'changed' }]),
    );
    await until(() => onA.ids().includes(8) && onB.ids().includes(8), 'id 8 on both');
    expect(onA.ids()).toEqual([8]);
    expect(onB.ids()).toEqual([7, 8]);
  });

  it('drops messages whose id is at or below the last one delivered', async () => {
    const prefix = newPrefix();
    const b = await instance(prefix, { version: 0 });
    const onB = await openStream(b.server.url, 'game:g');
    await until(() => onB.events.length === 2, 'initial events');

    const redis = await admin();
    for (const v of [5, 3, 5, 0, 6]) {
      await redis.publish(`${prefix}game:g`, wire('other', [{ id: v, event: 'state', data: `{"v":${v}}` }]));
    }
    await until(() => onB.ids().includes(6), 'id 6');
    expect(onB.ids()).toEqual([0, 0, 5, 6]);
  });

  it('keeps instances with different prefixes apart', async () => {
    const [p1, p2] = [newPrefix(), newPrefix()];
    const db = { version: 0 };
    const a = await instance(p1, db);
    const b = await instance(p2, db);
    const c = await instance(p2, db);
    const onA = await openStream(a.server.url, 'game:g');
    const onB = await openStream(b.server.url, 'game:g');
    await until(() => onA.events.length === 2 && onB.events.length === 2, 'initial events');

    a.hub.publish('game:g', gameEvents(1));
    c.hub.publish('game:g', gameEvents(2));
    await until(() => onA.ids().includes(1) && onB.ids().includes(2), 'both publishes');
    expect(onB.ids()).toEqual([0, 0, 2, 2]);
    expect(onA.ids()).toEqual([0, 0, 1, 1]);
  });

  it('recovers after Redis kills its connections: local streams stay live, peers resync', async () => {
    const prefix = newPrefix();
    const name = `bagtrax-hubtest-${randomUUID().slice(0, 8)}`;
    const db = { version: 1 };
    const a = await instance(prefix, db, { clientName: name });
    const b = await instance(prefix, db, { clientName: name });
    const onA = await openStream(a.server.url, 'game:g');
    const onB = await openStream(b.server.url, 'game:g');
    await until(() => onA.events.length === 2 && onB.events.length === 2, 'initial events');

    const redis = await admin();
    const list = String(await redis.sendCommand(['CLIENT', 'LIST']));
    const victims = list
      .split('\n')
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /^id=(\d+)/.exec(line)?.[1] ?? '');
    expect(victims).toHaveLength(4); // publisher and subscriber of each instance
    for (const id of victims) await redis.sendCommand(['CLIENT', 'KILL', 'ID', id]);

    // Written while Redis is away from both instances: only the resync can bring it to B.
    db.version = 2;
    a.hub.publish('game:g', gameEvents(2));
    await until(() => onA.ids().includes(2), 'version 2 on the local stream');
    await until(() => b.resyncs.includes('game:g'), 'resync on B');
    await until(() => onB.ids().includes(2), 'version 2 on B');
    await until(() => a.statuses.at(-1) === 'up' && b.statuses.at(-1) === 'up', 'both up again');
    expect(b.statuses).toContain('down');

    db.version = 3;
    a.hub.publish('game:g', gameEvents(3));
    await until(() => onB.ids().includes(3), 'version 3 on B');
    expect(onA.ids()).toEqual([1, 1, 2, 2, 3, 3]);
    expect(onB.ids()).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('rejects at start with one line naming REDIS_URL when Redis is unreachable', async () => {
    const start = createRedisHub({ url: 'redis://127.0.0.1:1', prefix: newPrefix(), resync: () => null });
    const err = await start.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toMatch(/REDIS_URL=redis:\/\/127\.0\.0\.1:1/);
    expect(message).not.toContain('\n');
  });
});
