// Several `serve` processes on one database with HUB=redis (issue 5): a write on any instance reaches
// every stream exactly once and in order, concurrent writers share one gapless version line, and
// streams converge after Redis drops its connections or restarts.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../kit/files.js';
import { WASH, cleanup, startTestServer, type ChildServer } from '../kit/server.js';
import { SseClient } from '../kit/sse.js';
import { until } from '../kit/until.js';
import {
  adminClient,
  hubConnectionsOf,
  hasRedisServer,
  killConnections,
  startPrivateRedis,
  waitForHub,
  type Admin,
  type PrivateRedis,
} from './redis-admin.js';

const SYSTEM_REDIS = 'redis://127.0.0.1:6379';
/** Finding a process's own Redis connections needs Linux /proc. */
const PROC = existsSync('/proc/net/tcp');

/** `n` instances on one DATA_DIR and one random prefix, so parallel test files never cross-talk. */
async function cluster(n: number, redisUrl: string): Promise<ChildServer[]> {
  const settings = { hub: 'redis', redisUrl, dataDir: tempDir() } as const;
  const redisPrefix = `bagtrax-it:${randomUUID()}:`;
  return Promise.all(
    Array.from({ length: n }, () => startTestServer({ child: true, ...settings, redisPrefix })),
  );
}

const latest = (c: SseClient): number => c.ids('state').at(-1) ?? -1;
const round = (s: ChildServer, id: string) => s.api('POST', `/api/games/${id}/rounds`, WASH);
const versionOf = async (s: ChildServer, id: string): Promise<number> =>
  (await s.api('GET', `/api/games/${id}/state`)).json.version;

function openOn(servers: ChildServer[], id: string): Promise<SseClient[]> {
  return Promise.all(servers.map((s) => SseClient.open(`${s.url}/games/${id}/events?since=0`)));
}

/** Every client's stream: state ids strictly rising (nothing twice, nothing backwards). */
function expectRising(clients: SseClient[]): void {
  for (const c of clients) {
    const ids = c.ids('state');
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    for (const e of c.events.filter((m) => m.event === 'state')) {
      expect(JSON.parse(e.data).version).toBe(Number(e.id));
    }
  }
}

const clients: SseClient[] = [];
const watch = async (servers: ChildServer[], id: string) => {
  const opened = await openOn(servers, id);
  clients.push(...opened);
  return opened;
};

afterAll(async () => {
  clients.forEach((c) => c.close());
  await cleanup();
});

describe('instances sharing the system Redis', () => {
  let a: ChildServer, b: ChildServer, c: ChildServer;
  let admin: Admin;
  beforeAll(async () => {
    [a, b, c] = (await cluster(3, SYSTEM_REDIS)) as [ChildServer, ChildServer, ChildServer];
    admin = await adminClient(SYSTEM_REDIS);
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('delivers writes from A and B to streams on A, B and C exactly once, in version order', async () => {
    const game = await a.createGame();
    // 1, 2 and 3 streams: each instance's health counts only its own.
    const [onA] = await watch([a], game.id);
    const [onB, onB2] = await watch([b, b], game.id);
    const [onC, onC2, onC3] = await watch([c, c, c], game.id);
    const topic = `game:${game.id}`;
    for (const [s, n] of [
      [a, 1],
      [b, 2],
      [c, 3],
    ] as const) {
      const health = (await s.api('GET', '/api/health')).json;
      expect(health.streams).toBe(n);
      expect(health.topics[topic]).toBe(n);
    }
    const all = [onA!, onB!, onB2!, onC!, onC2!, onC3!];
    for (let v = 1; v <= 30; v++) {
      const answer = await round(v % 2 ? a : b, game.id);
      expect(answer.json.version).toBe(v);
      await Promise.all(all.map((x) => x.waitFor(() => latest(x) === v)));
    }
    // A marker from C: anything late or doubled from the first 30 would show before it.
    expect((await round(c, game.id)).json.version).toBe(31);
    await Promise.all(all.map((x) => x.waitFor(() => latest(x) === 31)));
    const expected = Array.from({ length: 31 }, (_, i) => i + 1);
    for (const x of all) {
      expect(x.ids('state')).toEqual(expected);
      expect(x.ids('refresh-scoreboard')).toEqual(expected);
    }
    expectRising(all);
  });

  it('gives two processes writing one game concurrently unique, gapless versions', async () => {
    const game = await a.createGame();
    const writer = async (s: ChildServer) => {
      const versions: number[] = [];
      for (let i = 0; i < 25; i++) {
        const answer = await round(s, game.id);
        expect(answer.status).toBe(200);
        versions.push(answer.json.version);
      }
      return versions;
    };
    const versions = (await Promise.all([writer(a), writer(b), writer(a), writer(b)])).flat();
    expect(versions.sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await versionOf(a, game.id)).toBe(100);
    expect(await versionOf(b, game.id)).toBe(100);
  });

  it.skipIf(!PROC)(
    'brings every stream to the latest state after Redis kills the hub connections mid-game',
    async () => {
      const game = await a.createGame();
      const watchers = await watch([a, b, c, a, b, c], game.id);
      let writing = true;
      let failed: unknown = null;
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const answer = await round(i % 2 ? a : b, game.id);
          if (answer.status !== 200) failed = answer.text;
        }
      })();
      await until(() => watchers.every((w) => latest(w) >= 5), 'the first writes everywhere');
      const killed = [];
      for (const s of [a, b, c]) killed.push(...(await hubConnectionsOf(admin, s.pid, 6379)));
      expect(killed.length).toBe(6);
      await killConnections(admin, killed);
      for (const s of [a, b, c]) await waitForHub(admin, s.pid, 6379, killed);
      const afterReconnect = await versionOf(a, game.id);
      await until(
        async () => (await versionOf(a, game.id)) >= afterReconnect + 5,
        'writes after the reconnect',
      );
      writing = false;
      await writer;
      expect(failed).toBeNull();
      const final = await versionOf(a, game.id);
      await Promise.all(watchers.map((w) => w.waitFor(() => latest(w) === final)));
      expectRising(watchers);
    },
  );
});

describe.skipIf(!hasRedisServer())('instances on a private Redis that restarts', () => {
  let redis: PrivateRedis;
  let a: ChildServer, b: ChildServer;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    [a, b] = (await cluster(2, redis.url)) as [ChildServer, ChildServer];
  });
  afterAll(async () => {
    await redis?.kill();
  });

  it.skipIf(!PROC)(
    'delivers a write made while its instance could not publish, once the publisher is back',
    async () => {
      const game = await a.createGame();
      const watchers = await watch([a, b], game.id);
      expect((await round(a, game.id)).json.version).toBe(1);
      await Promise.all(watchers.map((w) => w.waitFor(() => latest(w) === 1)));
      const admin = await adminClient(redis.url);
      try {
        // Only A's publisher goes, and Redis turns its reconnects away for a while: B's subscriber
        // never drops, so B has no reason to resync by itself.
        const publisher = (await hubConnectionsOf(admin, a.pid, redis.port)).filter((x) => x.psub === 0);
        expect(publisher).toHaveLength(1);
        const clients = String(await admin.sendCommand(['CLIENT', 'LIST']))
          .trim()
          .split('\n').length;
        await admin.sendCommand(['CONFIG', 'SET', 'maxclients', String(clients - 1)]);
        await killConnections(admin, publisher);
        expect((await round(a, game.id)).json.version).toBe(2);
        await watchers[0]!.waitFor(() => latest(watchers[0]!) === 2);
        await admin.sendCommand(['CONFIG', 'SET', 'maxclients', '10000']);
        await waitForHub(admin, a.pid, redis.port, publisher);
        await watchers[1]!.waitFor(() => latest(watchers[1]!) === 2);
        expectRising(watchers);
      } finally {
        await admin.sendCommand(['CONFIG', 'SET', 'maxclients', '10000']).catch(() => undefined);
        await admin.close();
      }
    },
  );

  it('takes writes while Redis is down, serves them locally, and converges after its restart', async () => {
    const game = await a.createGame();
    const [onA, onB] = (await watch([a, b], game.id)) as [SseClient, SseClient];
    expect((await round(a, game.id)).json.version).toBe(1);
    await Promise.all([onA, onB].map((w) => w.waitFor(() => latest(w) === 1)));

    await redis.kill();
    expect((await round(a, game.id)).status).toBe(200);
    await onA.waitFor(() => latest(onA) === 2);
    expect((await round(b, game.id)).status).toBe(200);
    await onB.waitFor(() => latest(onB) === 3);

    await redis.restart();
    await Promise.all([onA, onB].map((w) => w.waitFor(() => latest(w) === 3)));
    // A write right after the restart, whichever connection comes back first, reaches both.
    expect((await round(a, game.id)).json.version).toBe(4);
    await Promise.all([onA, onB].map((w) => w.waitFor(() => latest(w) === 4)));
    expectRising([onA, onB]);
  });
});
