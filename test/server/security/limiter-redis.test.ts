// The PIN limiter on Redis: counts shared by two limiters on one prefix (two instances), kept apart by
// another prefix (another venue), a Redis that goes away falls back to each instance's memory (still
// counting, never open, never a crash) and counts are shared again once it is back; an unreachable
// Redis at start is one clear error.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PinLimiter } from '../../../server/auth/limiter.js';
import { hasRedisServer, startPrivateRedis, type PrivateRedis } from '../../integration/redis-admin.js';
import { freePort } from '../../kit/process.js';
import { until } from '../../kit/until.js';

const limiters: PinLimiter[] = [];
let redis: PrivateRedis | undefined;
afterEach(async () => {
  await Promise.all(limiters.splice(0).map((l) => l.close()));
  await redis?.kill();
  redis = undefined;
});

async function limiter(url: string, prefix: string): Promise<PinLimiter> {
  const l = await PinLimiter.create({
    maxAttempts: 4,
    lockoutMs: 300_000,
    venueAttempts: 1000,
    venueWindowMs: 60_000,
    redis: { url, prefix },
  });
  limiters.push(l);
  return l;
}

describe('the PIN limiter on Redis', () => {
  it('shares counts on one prefix and keeps another prefix apart', async () => {
    const prefix = `bagtrax-test:${randomUUID()}:`;
    const a = await limiter('redis://127.0.0.1:6379', prefix);
    const b = await limiter('redis://127.0.0.1:6379', prefix);
    const other = await limiter('redis://127.0.0.1:6379', `bagtrax-test:${randomUUID()}:`);
    await a.failed('10.0.0.9');
    await b.failed('10.0.0.9');
    await a.failed('10.0.0.9');
    expect((await b.failed('10.0.0.9')).wait).toBe(300);
    expect((await a.check('10.0.0.9')).wait).toBe(300);
    expect(await other.check('10.0.0.9')).toEqual({ wait: 0, failures: 0 });
  });

  it.skipIf(!hasRedisServer())(
    'keeps counting in memory while Redis is away, and shares again after',
    async () => {
      redis = await startPrivateRedis();
      const prefix = `bagtrax-test:${randomUUID()}:`;
      const a = await limiter(redis.url, prefix);
      const b = await limiter(redis.url, prefix);
      await a.failed('10.0.0.5');
      await redis.kill();
      // Away: each instance counts on its own, and still locks a device out.
      for (let i = 0; i < 3; i++) expect((await a.failed('10.0.0.6')).wait).toBe(0);
      expect((await a.failed('10.0.0.6')).wait).toBe(300);
      expect((await a.check('10.0.0.6')).wait).toBe(300);
      expect((await b.check('10.0.0.6')).wait).toBe(0);
      await redis.restart();
      // Back (an empty Redis): both count together again.
      await until(
        async () => {
          await a.failed('10.0.0.7');
          return (await b.check('10.0.0.7')).failures > 0;
        },
        'the limiters to reach Redis again',
        15_000,
      );
    },
  );

  it('stops with one line naming REDIS_URL when Redis cannot be reached at start', async () => {
    const port = await freePort();
    await expect(limiter(`redis://127.0.0.1:${port}`, 'x:')).rejects.toThrow(/REDIS_URL/);
  });
});
