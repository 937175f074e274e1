// Wrong PINs across two `serve` processes on one database with HUB=redis: one device's guesses spread
// over both instances reach its lockout together, and the venue's budget is one for both, while a
// right PIN still signs in on either.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../kit/files.js';
import { cookieOf, fromAddress, loginFrom } from '../kit/from-address.js';
import { cleanup, startTestServer, type ChildServer as Serve } from '../kit/server.js';
import { TEST_PIN } from '../kit/settings.js';

afterEach(cleanup);

async function pair(env: Record<string, string>): Promise<[Serve, Serve]> {
  const shared = {
    HUB: 'redis',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bagtrax-it:${randomUUID()}:`,
    ...env,
  };
  const dataDir = tempDir();
  const a = await startTestServer({ child: true, dataDir, env: shared });
  const b = await startTestServer({ child: true, dataDir, env: shared });
  return [a, b];
}

const undo = (from: string, s: Serve, pin: string) =>
  fromAddress(from, s.url, '/api/games/nosuchgame/undo', {
    method: 'POST',
    headers: { Authorization: `Bearer ${pin}` },
  });

describe('wrong PINs over two instances', () => {
  it('reach one device’s limit together, on both, and leave other devices alone', async () => {
    const [a, b] = await pair({ LOGIN_MAX_ATTEMPTS: '6', LOGIN_LOCKOUT_MS: '300000' });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await undo('127.0.0.2', i % 2 ? b : a, '0000'));
    expect(answers.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 401]);
    for (const s of [a, b]) {
      const locked = await undo('127.0.0.2', s, TEST_PIN);
      expect(locked.status).toBe(429);
      expect(locked.json.code).toBe('too_many_attempts');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await loginFrom('127.0.0.2', s.url, TEST_PIN)).status).toBe(429);
      // Another device is not touched: its right PIN reaches the route (no such game).
      expect((await undo('127.0.0.3', s, TEST_PIN)).status).toBe(404);
    }
    // The control: one instance alone would have allowed six more.
    expect((await undo('127.0.0.4', a, '0000')).status).toBe(401);
  });

  it('share one venue budget: once spent on both, a right PIN still signs in on either', async () => {
    const [a, b] = await pair({ LOGIN_MAX_ATTEMPTS: '10', LOGIN_VENUE_MAX_ATTEMPTS: '6' });
    // Six wrong PINs from three devices, half on each instance.
    for (const [i, device] of ['127.0.0.11', '127.0.0.12', '127.0.0.13'].entries()) {
      expect((await undo(device, i % 2 ? b : a, '1111')).status).toBe(401);
      expect((await undo(device, i % 2 ? a : b, '1111')).status).toBe(401);
    }
    // The seventh, on either instance, locks its device at once.
    const slowed = await undo('127.0.0.14', b, '1111');
    expect(slowed.status).toBe(401);
    expect(slowed.json.error).toMatch(/So many wrong PINs/);
    expect((await undo('127.0.0.14', a, TEST_PIN)).status).toBe(429);
    const alsoSlowed = await undo('127.0.0.15', a, '1111');
    expect(alsoSlowed.headers['retry-after']).toBeDefined();
    // A right PIN from a device with no wrong guess signs in, on both, and its session writes on both.
    for (const [device, s] of [
      ['127.0.0.16', a],
      ['127.0.0.17', b],
    ] as const) {
      const login = await loginFrom(device, s.url, TEST_PIN);
      expect(login.status).toBe(303);
      for (const t of [a, b]) {
        const made = await fromAddress(device, t.url, '/api/games', {
          method: 'POST',
          headers: { Cookie: cookieOf(login)!, Origin: t.url, 'Content-Type': 'application/json' },
          body: '{"home":{"name":"A"},"away":{"name":"B"}}',
        });
        expect(made.status).toBe(201);
      }
      expect((await undo(device, s, TEST_PIN)).status).toBe(404);
    }
  });
});
