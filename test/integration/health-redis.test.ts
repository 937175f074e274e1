// Whether the hub reaches Redis, in /api/health (`"redis": "up" | "down" | null`) and on the host
// console: a private redis-server is killed under a running HUB=redis server, then started again.
import { afterEach, expect, it } from 'vitest';
import { raw } from '../kit/raw.js';
import { startTestServer, type InProcessServer } from '../kit/server.js';
import { until } from '../kit/until.js';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from './redis-admin.js';

let server: InProcessServer | undefined;
let redis: PrivateRedis | undefined;
afterEach(async () => {
  await server?.stop();
  await redis?.kill();
  server = undefined;
  redis = undefined;
});

const health = async (s: InProcessServer) => (await s.get('/api/health')).json as { redis: unknown };
const console_ = (s: InProcessServer) =>
  raw(s.url, '/host/status', { headers: { Cookie: `${s.hostCookie.name}=${s.hostCookie.value}` } });

it('says null with the local hub, and nothing on the console', async () => {
  server = await startTestServer();
  expect((await health(server)).redis).toBeNull();
  expect((await console_(server)).text).not.toContain('Redis is down');
});

it.skipIf(!hasRedisServer())(
  'says up, then down while Redis is away (also on the console), then up again',
  async () => {
    redis = await startPrivateRedis();
    server = await startTestServer({ hub: 'redis', redisUrl: redis.url });
    const s = server;
    expect((await health(s)).redis).toBe('up');
    expect((await console_(s)).text).not.toContain('Redis is down');

    await redis.kill();
    await until(async () => (await health(s)).redis === 'down', 'health to say Redis is down');
    const line = await console_(s);
    expect(line.status).toBe(200);
    expect(line.text).toContain('Redis is down (HUB=redis)');
    const page = await raw(s.url, '/host', {
      headers: { Cookie: `${s.hostCookie.name}=${s.hostCookie.value}` },
    });
    expect(page.text).toContain('Redis is down (HUB=redis)');
    // Writes go on meanwhile.
    expect((await s.api('POST', '/api/games', { home: { name: 'A' }, away: { name: 'B' } })).status).toBe(
      201,
    );

    await redis.restart();
    await until(async () => (await health(s)).redis === 'up', 'health to say Redis is up again', 20_000);
    expect((await console_(s)).text).not.toContain('Redis is down');
  },
);
