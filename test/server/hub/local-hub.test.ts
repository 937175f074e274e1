// The local hub over real HTTP: fan-out by topic, version ordering, unsubscribe, heartbeats, close.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalHub, type Hub } from '../../../server/hub/index.js';
import { asReceived } from '../../kit/sse.js';
import { until } from '../../kit/until.js';
import { gameEvents, openStream, startHubServer, type HubServer } from './helpers.js';

let hub: Hub;
let server: HubServer;
afterEach(async () => {
  await hub?.close();
  await server?.close();
});

describe('local hub', () => {
  it('opens streams with the SSE head, the retry hint and the initial events at once', async () => {
    hub = createLocalHub({ retryMs: 2000 });
    server = await startHubServer(hub, () => gameEvents(4));
    const c = await openStream(server.url, 'game:a');
    expect(c.status).toBe(200);
    expect(c.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(c.headers['cache-control']).toBe('no-cache');
    expect(c.headers['x-accel-buffering']).toBe('no');
    expect(c.headers['content-encoding']).toBeUndefined();
    await until(() => c.events.length === 2, 'initial events');
    expect(c.retry).toBe(2000);
    expect(c.events).toEqual(asReceived(gameEvents(4)));
  });

  it('delivers a publish to every stream of its topic and to no other', async () => {
    hub = createLocalHub();
    server = await startHubServer(hub);
    const a = await Promise.all([1, 2, 3].map(() => openStream(server.url, 'game:a')));
    const b = await openStream(server.url, 'game:b');
    const venue = await openStream(server.url, 'venue');
    await until(() => hub.count('game:a') === 3 && hub.count('game:b') === 1, 'streams registered');

    hub.publish('game:a', gameEvents(1));
    hub.publish('venue', [{ id: 7, event: 'refresh-board-3', data: 'changed' }]);
    hub.publish('game:b', gameEvents(9));
    await until(() => a.every((c) => c.events.length === 2) && b.events.length === 2, 'events');
    await until(() => venue.events.length === 1, 'venue event');

    for (const c of a) expect(c.events).toEqual(asReceived(gameEvents(1)));
    expect(b.events).toEqual(asReceived(gameEvents(9)));
    expect(venue.events).toEqual(asReceived([{ id: 7, event: 'refresh-board-3', data: 'changed' }]));
  });

  it('unsubscribes a client that hangs up and counts no stream afterwards', async () => {
    hub = createLocalHub();
    server = await startHubServer(hub);
    const a = await openStream(server.url, 'game:a');
    const b = await openStream(server.url, 'game:a');
    await until(() => hub.stats().streams === 2, 'two streams');
    expect(hub.stats().topics).toEqual({ 'game:a': 2 });

    a.close();
    await until(() => hub.stats().streams === 1, 'one stream left');
    hub.publish('game:a', gameEvents(1));
    await until(() => b.events.length === 2, 'event on the remaining stream');

    b.close();
    await until(() => hub.stats().streams === 0, 'no stream left');
    expect(hub.stats().topics).toEqual({});
    hub.publish('game:a', gameEvents(2)); // nobody listens: must not throw
  });

  it('drops events at or below the last id published on the topic', async () => {
    hub = createLocalHub();
    server = await startHubServer(hub);
    const c = await openStream(server.url, 'game:a');
    await until(() => hub.count('game:a') === 1, 'stream registered');
    hub.publish('game:a', gameEvents(2));
    hub.publish('game:a', gameEvents(2));
    hub.publish('game:a', gameEvents(1));
    hub.publish('game:a', gameEvents(3));
    hub.publish('game:a', gameEvents(3));
    hub.publish('game:a', gameEvents(4)); // the stream keeps order: once 4 is here, so is all before it
    await until(() => c.ids().includes(4), 'version 4');
    expect(c.ids()).toEqual([2, 2, 3, 3, 4, 4]);
  });

  it('does not send a stream the version its initial events already carried', async () => {
    hub = createLocalHub();
    let version = 4;
    server = await startHubServer(hub, () => gameEvents(version));
    const older = await openStream(server.url, 'game:a');
    await until(() => older.events.length === 2, 'initial of the older stream');
    // Version 5 is committed; a new stream reads it before the publish of 5 reaches the hub.
    version = 5;
    const newer = await openStream(server.url, 'game:a');
    await until(() => newer.events.length === 2, 'initial of the newer stream');
    hub.publish('game:a', gameEvents(5));
    hub.publish('game:a', gameEvents(6));
    await until(() => older.ids().includes(6) && newer.ids().includes(6), 'version 6');
    expect(older.ids()).toEqual([4, 4, 5, 5, 6, 6]);
    expect(newer.ids()).toEqual([5, 5, 6, 6]);
  });

  it('writes the events of one publish to each client in a single write', async () => {
    hub = createLocalHub();
    const writes = new Map<ServerResponse, number>();
    // Count what reaches the socket, whichever layer the hub writes through.
    server = await startHubServer(hub, undefined, (res) => {
      const socket = res.socket!;
      const write = socket.write.bind(socket) as (chunk: unknown) => boolean;
      writes.set(res, 0);
      socket.write = ((chunk: unknown) => {
        writes.set(res, (writes.get(res) ?? 0) + 1);
        return write(chunk);
      }) as typeof socket.write;
    });
    const clients = await Promise.all([1, 2].map(() => openStream(server.url, 'game:a')));
    await until(() => hub.count('game:a') === 2, 'streams registered');
    writes.forEach((_, res) => writes.set(res, 0));
    hub.publish('game:a', gameEvents(1));
    await until(() => clients.every((c) => c.events.length === 2), 'events');
    expect([...writes.values()]).toEqual([1, 1]);
  });

  it('sends heartbeat comments to idle streams', async () => {
    hub = createLocalHub({ heartbeatMs: 50 });
    server = await startHubServer(hub);
    const c = await openStream(server.url, 'venue');
    await until(() => c.comments >= 2, 'two heartbeats');
    expect(c.events).toEqual([]);
  });

  it('throws on a malformed event instead of sending a broken stream', async () => {
    hub = createLocalHub();
    expect(() => hub.publish('game:a', [{ id: 1, event: 'state', data: 'two\nlines' }])).toThrow(/one line/);
  });

  it('ends every stream on close, refuses new ones, and closes twice safely', async () => {
    hub = createLocalHub();
    server = await startHubServer(hub);
    const c = await openStream(server.url, 'game:a');
    await until(() => hub.stats().streams === 1, 'stream registered');
    await Promise.all([hub.close(), hub.close()]);
    await until(() => c.ended, 'stream ended');
    expect(hub.stats().streams).toBe(0);
    const late = await openStream(server.url, 'game:a');
    expect(late.status).toBe(503);
  });
});
