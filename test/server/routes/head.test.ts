// HEAD over a raw socket: every route answers its status line and headers and ends, the event streams
// included; a HEAD on a stream holds no stream (health says streams: 0).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../kit/server.js';
import { TEST_PIN } from '../../kit/settings.js';

let server: TestServer;
let port: number;
beforeAll(async () => {
  server = await startTestServer();
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.stop();
});

interface Head {
  status: number;
  headers: Record<string, string>;
  /** Bytes after the head (a HEAD answer has none). */
  rest: string;
}

function parseHead(text: string): Head {
  const end = text.indexOf('\r\n\r\n');
  expect(end, `no complete head in ${JSON.stringify(text.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? '');
  expect(match, `status line ${JSON.stringify(statusLine)}`).not.toBeNull();
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(match![1]), headers, rest: text.slice(end + 4) };
}

/** Sends raw request text and collects everything until the server closes the connection. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(data));
    socket.write(request);
  });
}

const request = (method: string, path: string, headers: Record<string, string> = {}) =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
  Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('') +
  '\r\n';

async function streams(): Promise<number> {
  return (await server.get('/api/health')).json.streams as number;
}

describe('HEAD', () => {
  it('on a game stream answers the stream head and ends by itself, holding no stream', async () => {
    const game = await server.createGame();
    // No `Connection: close` from the client: the server must end the answer on its own.
    const text = await exchange(request('HEAD', `/games/${game.id}/events`, { Accept: 'text/event-stream' }));
    const head = parseHead(text);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(head.headers['connection']).toBe('close');
    expect(head.rest).toBe('');
    expect(await streams()).toBe(0);
  });

  it('on the venue stream does the same, and a stream of no game answers 404', async () => {
    const head = parseHead(await exchange(request('HEAD', '/events')));
    expect(head).toMatchObject({ status: 200, rest: '' });
    expect(head.headers['content-type']).toMatch(/^text\/event-stream/);
    const missing = parseHead(
      await exchange(request('HEAD', '/games/nosuchgame/events', { Connection: 'close' })),
    );
    expect(missing).toMatchObject({ status: 404, rest: '' });
    expect(await streams()).toBe(0);
  });

  it('on every other route answers the status a GET gets, ends, and leaves the connection usable', async () => {
    const game = await server.createGame({ board: 1 });
    const bearer = { Authorization: `Bearer ${TEST_PIN}` };
    const routes: Array<[string, Record<string, string>]> = [
      ['/', {}],
      ['/tv', {}],
      ['/boards', {}],
      ['/boards/1', {}],
      [`/games/${game.id}`, {}],
      [`/games/${game.id}/scoreboard`, {}],
      [`/api/games/${game.id}/state`, {}],
      ['/api/games', {}],
      [`/api/games/${game.id}/export.csv`, {}],
      ['/api/export.json', {}],
      ['/api/health', {}],
      ['/keeper/login', {}],
      [`/keep/${game.id}`, {}],
      [`/keep/${game.id}`, bearer],
      ['/keep/new', bearer],
      ['/host', bearer],
      ['/host/join', bearer],
      ['/favicon.ico', {}],
      ['/assets/icon.svg', {}],
      ['/no/such/page', {}],
      [`/api/games/${game.id}/throws`, bearer],
    ];
    for (const [path, headers] of routes) {
      const get = await fetch(server.url + path, { headers, redirect: 'manual' });
      await get.arrayBuffer();
      // A second request behind the HEAD on the same connection: it is only answered once the
      // HEAD's answer has ended.
      const text = await exchange(
        request('HEAD', path, headers) + request('GET', '/api/health', { Connection: 'close' }),
      );
      const head = parseHead(text);
      expect(head.status, path).toBe(get.status);
      const next = parseHead(head.rest);
      expect(next.status, `${path}: the request after the HEAD`).toBe(200);
      expect(JSON.parse(next.rest)).toMatchObject({ status: 'ok', streams: 0 });
    }
  });
});
