// Stream caps (total and per address) answer 503 without touching the response; lifetimes end streams.
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

describe('caps', () => {
  it('refuses streams past the total cap with 503 and Retry-After, loopback included', async () => {
    hub = createLocalHub({ maxStreams: 2 });
    server = await startHubServer(hub);
    const open = await Promise.all([1, 2].map(() => openStream(server.url, 'game:a')));
    expect(open.map((c) => c.status)).toEqual([200, 200]);
    await until(() => hub.stats().streams === 2, 'two streams');

    const refused = await openStream(server.url, 'venue');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await until(() => refused.ended, 'refusal body');
    expect(JSON.parse(refused.body)).toEqual({ error: expect.any(String) });
    expect(hub.stats()).toMatchObject({ streams: 2, refused: 1 });
  });

  it('refuses a non-exempt address past its cap and admits it again once a stream closes', async () => {
    hub = createLocalHub({ maxStreamsPerAddress: 2, isExempt: () => false });
    server = await startHubServer(hub);
    const [a] = await Promise.all([1, 2].map(() => openStream(server.url, 'game:a')));
    await until(() => hub.stats().streams === 2, 'two streams');
    expect((await openStream(server.url, 'game:b')).status).toBe(503);

    a!.close();
    await until(() => hub.stats().streams === 1, 'one stream closed');
    expect((await openStream(server.url, 'game:b')).status).toBe(200);
  });

  it('does not apply the per-address cap to loopback clients by default', async () => {
    hub = createLocalHub({ maxStreamsPerAddress: 1 });
    server = await startHubServer(hub);
    const clients = await Promise.all([1, 2, 3].map(() => openStream(server.url, 'venue')));
    expect(clients.map((c) => c.status)).toEqual([200, 200, 200]);
    expect(hub.stats().refused).toBe(0);
  });
});

describe('lifetime', () => {
  it('ends streams by themselves after their lifetime so clients reconnect', async () => {
    hub = createLocalHub({ maxLifetimeMs: 100 });
    server = await startHubServer(hub);
    const clients = await Promise.all([1, 2, 3].map(() => openStream(server.url, 'game:a')));
    await until(() => clients.every((c) => c.ended), 'streams to end');
    expect(hub.stats()).toMatchObject({ streams: 0, cutOff: 0 });
  });
});
