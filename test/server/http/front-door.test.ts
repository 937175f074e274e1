// The front door before Koa: connections per client address (503 + Retry-After past the cap), requests
// per address in a window (429 + Retry-After), both ahead of every other check, 127.0.0.1 exempt and
// 127.0.0.2 not; a request whose headers never finish is let go; and the open-files reserve, on a
// plain server with a small pretend limit, sheds the busiest device so another one still gets in.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { guardConnections, isThisMachine } from '../../../server/http/connections.js';
import { fromAddress } from '../../kit/from-address.js';
import { startTestServer, type InProcessServer as TestServer, type StartOptions } from '../../kit/server.js';
import { until } from '../../kit/until.js';

const sockets: Socket[] = [];
const servers: TestServer[] = [];
const plain: Server[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.destroy());
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(plain.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A connection that sends an unfinished request and holds on. */
function hold(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, localAddress }, () => {
      s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      // Read what comes back, so the server's close is seen.
      s.resume();
      resolve(s);
    });
    s.on('error', reject);
    sockets.push(s);
  });
}

async function start(overrides: Omit<StartOptions, 'child'>) {
  const s = await startTestServer({ ...overrides, child: false });
  servers.push(s);
  return { s, port: Number(new URL(s.url).port) };
}

const health = async (s: TestServer) => (await s.get('/api/health')).json.connections;

describe('connections per address', () => {
  it('answers 503 with Retry-After past the cap, before the Host check; other devices and 127.0.0.1 go on', async () => {
    const { s, port } = await start({ maxConnectionsPerAddress: 3 });
    for (let i = 0; i < 3; i++) await hold(port, '127.0.0.2');
    await until(async () => (await health(s)).busiest === 3, 'three held');
    for (const host of ['127.0.0.1', 'evil.example']) {
      const a = await fromAddress('127.0.0.2', s.url, '/api/health', { headers: { Host: host } });
      expect(a.status).toBe(503);
      expect(a.json.code).toBe('too_many_connections');
      expect(a.json.error).toMatch(
        /^Too many open connections from this device\. Try again in \d+ seconds\.$/,
      );
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
      expect(a.headers.connection).toBe('close');
    }
    expect((await fromAddress('127.0.0.3', s.url, '/api/health')).status).toBe(200);
    for (let i = 0; i < 5; i++) await hold(port, '127.0.0.1');
    expect((await fromAddress('127.0.0.1', s.url, '/api/health')).status).toBe(200);
    // One held connection let go: the device may connect again.
    sockets[0]!.destroy();
    await until(async () => (await health(s)).busiest < 3, 'one released');
    expect((await fromAddress('127.0.0.2', s.url, '/api/health')).status).toBe(200);
    expect((await health(s)).refused).toBe(2);
  });

  it('exempts this machine’s own addresses only', () => {
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isThisMachine(a), a).toBe(true);
    for (const a of ['127.0.0.2', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', undefined]) {
      expect(isThisMachine(a), String(a)).toBe(false);
    }
  });
});

describe('requests per address', () => {
  it('answers 429 with Retry-After past the cap in a window, ahead of every other check', async () => {
    const { s } = await start({ maxRequestsPerAddress: 5, requestWindowMs: 60_000 });
    for (let i = 0; i < 5; i++)
      expect((await fromAddress('127.0.0.4', s.url, '/api/health')).status).toBe(200);
    for (const headers of [{}, { Host: 'evil.example' }, { Authorization: 'Bearer 0000' }] as Array<
      Record<string, string>
    >) {
      const a = await fromAddress('127.0.0.4', s.url, '/api/games', { method: 'POST', headers, body: 'x' });
      expect(a.status).toBe(429);
      expect(a.json.code).toBe('too_many_requests');
      expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await fromAddress('127.0.0.5', s.url, '/api/health')).status).toBe(200);
    for (let i = 0; i < 12; i++)
      expect((await fromAddress('127.0.0.1', s.url, '/api/health')).status).toBe(200);
  });
});

describe('timeouts', () => {
  it('lets go of a connection whose headers never finish', async () => {
    const { port } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const slow = await hold(port, '127.0.0.6');
    let closed = false;
    slow.on('close', () => (closed = true));
    await until(() => closed, 'the server to close the slow connection', 15_000);
  });
});

describe('the reserve of open files', () => {
  it('closes the busiest device’s newest connections so another device can still connect', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    plain.push(server);
    // A pretend limit of 60 files with 10 in reserve, and nothing open but the connections.
    const gate = guardConnections(server, {
      maxPerAddress: 10_000,
      openFilesLimit: 60,
      reserve: 10,
      countOpenFiles: () => 0,
    });
    server.on('request', (req, res) => {
      if (!gate.admit(req, res)) res.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;

    for (let i = 0; i < 80; i++) await hold(port, '127.0.0.2').catch(() => null);
    await until(() => gate.stats().shed > 0, 'the device to be shed');
    expect(gate.stats().open).toBeLessThanOrEqual(50);
    for (let i = 0; i < 20; i++) {
      expect((await fromAddress('127.0.0.3', url, '/')).status).toBe(200);
      expect((await fromAddress('127.0.0.1', url, '/')).status).toBe(200);
    }
    expect(gate.stats().open).toBeLessThanOrEqual(50);
    expect(gate.stats().busiest).toBeGreaterThan(30);
    gate.close();
  });
});
