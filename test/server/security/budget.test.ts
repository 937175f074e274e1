// The venue's budget of wrong PINs, through a real server and several devices (loopback source
// addresses): once spent, every wrong PIN locks its device at once, while a right PIN from any other
// device, a session already granted and the host window all keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, fromAddress, loginFrom } from '../../kit/from-address.js';
import { startTestServer, type InProcessServer as TestServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';
import { expectRefused } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ loginAttempts: 10, loginVenueAttempts: 8 });
});
afterAll(async () => {
  await s?.stop();
});

const wrongBearer = (from: string) =>
  fromAddress(from, s.url, '/api/games', {
    method: 'POST',
    headers: { Authorization: 'Bearer 0000', 'Content-Type': 'application/json' },
    body: '{"home":{"name":"A"},"away":{"name":"B"}}',
  });
const create = (from: string, headers: Record<string, string>) =>
  fromAddress(from, s.url, '/api/games', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: s.url, ...headers },
    body: '{"home":{"name":"A"},"away":{"name":"B"}}',
  });

describe('the venue’s budget of wrong PINs', () => {
  it('slows guesses from everywhere, never a right PIN, a session or the host window', async () => {
    const before = cookieOf(await loginFrom('127.0.0.40', s.url, TEST_PIN))!;
    expect(before).not.toBeNull();
    // Eight wrong PINs from four devices, none of them near its own lockout.
    for (const device of ['127.0.0.41', '127.0.0.42', '127.0.0.43', '127.0.0.44']) {
      for (let i = 0; i < 2; i++) {
        const a = await wrongBearer(device);
        expectRefused(a, 401, 'wrong_pin');
        expect(a.headers['retry-after']).toBeUndefined();
      }
    }
    // The budget is spent: a new device's first wrong PIN locks it at once, and says why.
    const slowed = await wrongBearer('127.0.0.45');
    expectRefused(slowed, 401, 'wrong_pin');
    expect(slowed.json.error).toMatch(/So many wrong PINs are coming in at this venue/);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    expectRefused(
      await create('127.0.0.45', { Authorization: `Bearer ${TEST_PIN}` }),
      429,
      'too_many_attempts',
    );
    const form = await loginFrom('127.0.0.46', s.url, '9999');
    expectRefused(form, 429, 'too_many_attempts');
    expect(form.json.error).toMatch(/That PIN is not right/);

    // While it slows guesses: right PINs from other devices, by form and by Bearer.
    const fresh = await loginFrom('127.0.0.47', s.url, TEST_PIN);
    expect(fresh.status).toBe(303);
    expect((await create('127.0.0.47', { Cookie: cookieOf(fresh)! })).status).toBe(201);
    expect((await create('127.0.0.48', { Authorization: `Bearer ${TEST_PIN}` })).status).toBe(201);
    expect((await loginFrom('127.0.0.49', s.url, s.organiserPin())).status).toBe(303);
    // A session granted before, and the host window, never meet the limiter.
    expect((await create('127.0.0.40', { Cookie: before })).status).toBe(201);
    expect((await create('127.0.0.45', { Cookie: before })).status).toBe(201);
    const host = `${s.hostCookie.name}=${s.hostCookie.value}`;
    expect((await create('127.0.0.1', { Cookie: host })).status).toBe(201);
  });
});
