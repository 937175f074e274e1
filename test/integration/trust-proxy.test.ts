// Behind a reverse proxy (TRUST_PROXY): the per-device caps (requests, streams, connections) and the
// wrong-PIN limiter count the address the proxy names in X-Forwarded-For, never the proxy's own
// loopback socket, so a forwarded request gets no loopback exemption; without TRUST_PROXY the header
// changes nothing. Last, a real keep-alive proxy in front: its few connections carry many clients'
// requests and are never capped as one device, while each client is.
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fromAddress, type FromAnswer } from '../kit/from-address.js';
import { startTestServer, type InProcessServer, type StartOptions } from '../kit/server.js';
import { until } from '../kit/until.js';

const servers: InProcessServer[] = [];
const streams: Array<() => void> = [];
const plain: Server[] = [];
afterEach(() => {
  streams.splice(0).forEach((close) => close());
});
afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(plain.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function start(o: Omit<StartOptions, 'child'>): Promise<InProcessServer> {
  const s = await startTestServer({ ...o, child: false });
  servers.push(s);
  return s;
}

const forwarded = (client: string, extra: Record<string, string> = {}) => ({
  headers: { 'X-Forwarded-For': client, ...extra },
});

/** Answers to `n` requests in turn. */
async function statuses(n: number, send: () => Promise<FromAnswer>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send()).status);
  return out;
}

/**
 * An event stream held open from `localAddress` (the head read, the body left running); resolves
 * with its status and a close. A refused stream (503) has ended already.
 */
function openStream(
  localAddress: string,
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingMessage['headers']; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, baseUrl),
      { headers: { Accept: 'text/event-stream', ...headers }, localAddress, agent: false },
      (res) => {
        res.resume();
        const close = () => req.destroy();
        streams.push(close);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, close });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('TRUST_PROXY=loopback, a client address from X-Forwarded-For on 127.0.0.1', () => {
  it('counts requests per forwarded address and gives a forwarded request no loopback exemption', async () => {
    const s = await start({ trustProxy: ['loopback'], maxRequestsPerAddress: 4, requestWindowMs: 60_000 });
    const from = (client: string) => () => fromAddress('127.0.0.1', s.url, '/api/health', forwarded(client));
    expect(await statuses(5, from('203.0.113.7'))).toEqual([200, 200, 200, 200, 429]);
    const refused = await from('203.0.113.7')();
    expect(refused.json.code).toBe('too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another device behind the same proxy is another count.
    expect(await statuses(4, from('203.0.113.8'))).toEqual([200, 200, 200, 200]);
    // A proxy on this machine passing on a loopback client's request: forwarded, so counted.
    expect(await statuses(5, from('127.0.0.1'))).toEqual([200, 200, 200, 200, 429]);
    // This machine's own requests (no header) keep their exemption.
    expect(await statuses(8, () => fromAddress('127.0.0.1', s.url, '/api/health'))).toEqual(
      Array<number>(8).fill(200),
    );
  });

  it('caps streams per forwarded address', async () => {
    const s = await start({ trustProxy: ['loopback'], maxStreamsPerAddress: 2 });
    const open = (client: string) => openStream('127.0.0.1', s.url, '/events', { 'X-Forwarded-For': client });
    expect((await open('198.51.100.1')).status).toBe(200);
    expect((await open('198.51.100.1')).status).toBe(200);
    const third = await open('198.51.100.1');
    expect(third.status).toBe(503);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await open('198.51.100.2')).status).toBe(200);
    // Without the header this machine's streams are not capped.
    for (let i = 0; i < 4; i++) expect((await openStream('127.0.0.1', s.url, '/events')).status).toBe(200);
  });

  it('caps open connections per forwarded address while their requests run, and frees them after', async () => {
    const s = await start({ trustProxy: ['loopback'], maxConnectionsPerAddress: 2 });
    const held = [
      await openStream('127.0.0.1', s.url, '/events', { 'X-Forwarded-For': '192.0.2.50' }),
      await openStream('127.0.0.1', s.url, '/events', { 'X-Forwarded-For': '192.0.2.50' }),
    ];
    expect(held.map((h) => h.status)).toEqual([200, 200]);
    const over = await fromAddress('127.0.0.1', s.url, '/api/health', forwarded('192.0.2.50'));
    expect(over.status).toBe(503);
    expect(over.json.code).toBe('too_many_connections');
    expect((await fromAddress('127.0.0.1', s.url, '/api/health', forwarded('192.0.2.51'))).status).toBe(200);
    held[0]!.close();
    await until(
      async () =>
        (await fromAddress('127.0.0.1', s.url, '/api/health', forwarded('192.0.2.50'))).status === 200,
      'a closed stream to free its device a connection',
    );
  });

  it('locks out wrong PINs per forwarded address', async () => {
    const s = await start({ trustProxy: ['loopback'], loginAttempts: 2 });
    const guess = (client: string) => () =>
      fromAddress('127.0.0.1', s.url, '/api/games', {
        method: 'POST',
        headers: {
          'X-Forwarded-For': client,
          Authorization: 'Bearer 00000',
          'Content-Type': 'application/json',
        },
        body: '{"home":{"name":"A"},"away":{"name":"B"}}',
      });
    expect(await statuses(3, guess('203.0.113.20'))).toEqual([401, 401, 429]);
    expect((await guess('203.0.113.21')()).status).toBe(401);
  });
});

describe('without TRUST_PROXY', () => {
  it('ignores X-Forwarded-For: a device cannot pose as this machine, nor this machine as a device', async () => {
    const s = await start({ maxRequestsPerAddress: 3, requestWindowMs: 60_000 });
    const spoofed = () => fromAddress('127.0.0.2', s.url, '/api/health', forwarded('127.0.0.1'));
    expect(await statuses(4, spoofed)).toEqual([200, 200, 200, 429]);
    const local = () => fromAddress('127.0.0.1', s.url, '/api/health', forwarded('203.0.113.30'));
    expect(await statuses(6, local)).toEqual(Array<number>(6).fill(200));
  });
});

/**
 * A reverse proxy as nginx runs one: it listens on 127.0.0.1, reaches BagTrax from 127.0.0.2 over a
 * few kept-alive connections, and appends each client's address to X-Forwarded-For.
 */
async function reverseProxy(
  upstream: string,
): Promise<{ url: string; requests: () => number; sockets: () => number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const target = new URL(upstream);
  const used = new Set<unknown>();
  let requests = 0;
  const server = createServer((req, res) => {
    const before = req.headers['x-forwarded-for'];
    const xff = [before, req.socket.remoteAddress].filter(Boolean).join(', ');
    // Hop-by-hop: the client's Connection header is not passed on (the proxy keeps its own alive).
    const { connection: _hop, ...headers } = req.headers;
    requests++;
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...headers, 'x-forwarded-for': xff },
        localAddress: '127.0.0.2',
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('socket', (socket) => used.add(socket));
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  plain.push(server);
  server.on('close', () => agent.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    sockets: () => used.size,
  };
}

describe('behind a real keep-alive proxy (TRUST_PROXY=127.0.0.2)', () => {
  it("counts each client on the proxy's shared connections, and never the proxy as one device", async () => {
    const s = await start({
      trustProxy: ['127.0.0.2'],
      maxConnectionsPerAddress: 1,
      maxRequestsPerAddress: 6,
      requestWindowMs: 60_000,
    });
    const proxy = await reverseProxy(s.url);
    // Client .3's stream holds one of the proxy's connections.
    const stream = await openStream('127.0.0.3', proxy.url, '/events');
    expect(stream.status).toBe(200);
    // Client .4's requests take the proxy's other connections: the proxy is not capped as a device.
    expect(await statuses(6, () => fromAddress('127.0.0.4', proxy.url, '/api/health'))).toEqual(
      Array<number>(6).fill(200),
    );
    // …but client .4 is: its seventh request in the window is one too many.
    expect((await fromAddress('127.0.0.4', proxy.url, '/api/health')).status).toBe(429);
    // Client .3 already holds its one connection (the stream): a second request at once is refused.
    const second = await fromAddress('127.0.0.3', proxy.url, '/api/health');
    expect(second.status).toBe(503);
    expect(second.json.code).toBe('too_many_connections');
    // A client sending its own X-Forwarded-For cannot move itself: the proxy appended the real address.
    const forged = await fromAddress('127.0.0.3', proxy.url, '/api/health', forwarded('198.51.100.99'));
    expect(forged.status).toBe(503);
    stream.close();
    await until(
      async () => (await fromAddress('127.0.0.3', proxy.url, '/api/health')).status === 200,
      "client .3's stream to end",
    );
    // The proxy's connections were shared by the clients' requests, as a real proxy's are.
    expect(proxy.sockets()).toBeLessThan(proxy.requests());
  });
});
