// A phone that stops reading must be cut off by its queued bytes and never hold back the others.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalHub, type Hub } from '../../../server/hub/index.js';
import { until } from '../../kit/until.js';
import { openStream, startHubServer, type HubServer } from './helpers.js';

let hub: Hub;
let server: HubServer;
afterEach(async () => {
  await hub?.close();
  await server?.close();
});

describe('backpressure', () => {
  it('cuts off a client on a paused socket while 100 others receive every event', async () => {
    hub = createLocalHub({ maxQueuedBytes: 128 * 1024 });
    server = await startHubServer(hub);
    const healthy = await Promise.all(
      Array.from({ length: 100 }, () => openStream(server.url, 'game:big', { keep: 'ids' })),
    );
    // The slow phone: asks for the stream, then never reads a byte.
    const paused = net.connect(server.port, '127.0.0.1');
    paused.on('error', () => {});
    paused.write(`GET /?topic=game:big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    paused.pause();
    await until(() => hub.count('game:big') === 101, 'all 101 streams');

    // Kernel buffers absorb a few MB first; publish until the hub's bound is passed.
    const data = 'x'.repeat(64 * 1024);
    let version = 0;
    while (hub.stats().cutOff === 0) {
      version++;
      if (version > 2000) throw new Error('the paused client was never cut off');
      hub.publish('game:big', [{ id: version, event: 'state', data }]);
      const v = version;
      await until(() => healthy.every((c) => c.ids().at(-1) === v), `version ${v} everywhere`);
    }

    expect(hub.stats()).toMatchObject({ streams: 100, cutOff: 1 });
    const expected = Array.from({ length: version }, (_, i) => i + 1);
    for (const c of healthy) {
      expect(c.ended).toBe(false);
      expect(c.ids()).toEqual(expected);
    }
    // The server really hung up on it: once it reads again, it drains what was queued and sees the end.
    let closed = false;
    paused.on('close', () => (closed = true));
    paused.resume();
    await until(() => closed, 'the cut-off socket to close');
  });
});
