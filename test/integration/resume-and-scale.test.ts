// Streams through the real routes at scale (issue 5): resuming by Last-Event-ID, a paused phone cut off
// by its bound while 100 others get every event, and 2,000 streams opened at once and released.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WASH, cleanup, startTestServer, type InProcessServer } from '../kit/server.js';
import { SseClient } from '../kit/sse.js';
import { until } from '../kit/until.js';

let server: InProcessServer;
beforeAll(async () => {
  // A small bound, so the paused client is cut off soon after the kernel's buffers are full.
  server = await startTestServer({ maxQueuedBytes: 16 * 1024 });
});
afterAll(async () => {
  await server.stop();
  await cleanup();
});

const round = (id: string) => server.api('POST', `/api/games/${id}/rounds`, WASH);
const health = async () => (await server.get('/api/health')).json;

describe('resuming a stream', () => {
  it('sends the current state at once to a client resuming from an old Last-Event-ID', async () => {
    const game = await server.createGame();
    for (let i = 0; i < 3; i++) await round(game.id);
    const old = await SseClient.open(`${server.url}/games/${game.id}/events`, { 'Last-Event-ID': '1' });
    await old.waitFor((e) => e.length >= 2);
    expect(old.events.map((e) => [e.id, e.event])).toEqual([
      ['3', 'refresh-scoreboard'],
      ['3', 'state'],
    ]);
    expect(JSON.parse(old.events[1]!.data).version).toBe(3);
    old.close();
  });

  it('sends nothing to a client at the current Last-Event-ID until the next write', async () => {
    const game = await server.createGame();
    for (let i = 0; i < 3; i++) await round(game.id);
    const current = await SseClient.open(`${server.url}/games/${game.id}/events`, { 'Last-Event-ID': '3' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(current.events).toEqual([]);
    // Positive control: the stream is live, it just had nothing to say.
    await round(game.id);
    await current.waitFor((e) => e.length >= 2);
    expect(current.events.map((e) => e.id)).toEqual(['4', '4']);
    current.close();
  });
});

describe('streams at scale', () => {
  it('cuts off a paused client while 100 others receive every event, and health counts it', async () => {
    // The largest names the API takes, in 3-byte characters: about 2.4 KB per state event.
    const long = '漢'.repeat(40);
    const team = { name: long, players: [long, long] };
    const game = await server.createGame({ home: team, away: team });
    const url = new URL(`${server.url}/games/${game.id}/events?since=0`);
    const others = await Promise.all(
      Array.from({ length: 100 }, () => SseClient.open(url.href, {}, { keep: 'ids' })),
    );
    const slow = connect(Number(url.port), url.hostname);
    slow.on('error', () => undefined);
    slow.pause(); // never reads a byte
    slow.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
    const topic = `game:${game.id}`;
    await until(async () => (await health()).topics[topic] === 101, 'all 101 streams');
    const before = (await health()).cutOff;

    // The kernel takes about 4 MB on loopback before the server's queue grows. Each lane enters a
    // round and takes it back, so every write is accepted and the answers stay small.
    let writes = 0;
    let cut = false;
    const lane = async () => {
      try {
        while (!cut && writes < 6000) {
          for (const path of ['rounds', 'undo']) {
            const a = await server.api('POST', `/api/games/${game.id}/${path}`, path === 'undo' ? {} : WASH);
            expect(a.status).toBe(200);
            writes++;
          }
        }
      } finally {
        cut = true; // a failed lane stops the others and the watcher
      }
    };
    const watcher = until(async () => cut || (cut = (await health()).cutOff > before), 'the cut-off', 60_000);
    await Promise.all([...Array.from({ length: 8 }, lane), watcher]);

    const after = await health();
    expect(after.cutOff).toBe(before + 1);
    expect(after.topics[topic]).toBe(100);
    const expected = Array.from({ length: writes }, (_, i) => i + 1);
    await until(() => others.every((c) => c.ids('state').length >= writes), 'every event on the others');
    for (const c of others) {
      expect(c.ids('state')).toEqual(expected);
      expect(c.ended).toBe(false);
      c.close();
    }
    slow.destroy();
  }, 90_000);

  it('serves 2,000 streams opened at once, each gets the next event, and releases them all', async () => {
    // Two descriptors per stream when both ends live here; below that limit the server moves to a
    // child process (Node cannot raise RLIMIT_NOFILE itself).
    const inProcess = openFilesLimit() > 4_200;
    const target = inProcess ? server : await startTestServer({ child: true });
    const game = await target.createGame();
    const url = `${target.url}/games/${game.id}/events?since=0`;
    const targetHealth = async () => (await target.api('GET', '/api/health')).json;
    const clients = await Promise.all(Array.from({ length: 2000 }, () => SseClient.open(url)));
    expect(clients.every((c) => c.status === 200)).toBe(true);
    expect((await targetHealth()).topics[`game:${game.id}`]).toBe(2000);
    expect((await target.api('POST', `/api/games/${game.id}/rounds`, WASH)).json.version).toBe(1);
    await Promise.all(clients.map((c) => c.waitFor(() => c.ids('state').includes(1))));
    for (const c of clients) expect(c.ids('state')).toEqual([1]);
    clients.forEach((c) => c.close());
    await until(async () => (await targetHealth()).streams === 0, 'streams: 0');
    expect((await targetHealth()).topics[`game:${game.id}`]).toBeUndefined();
    if (!inProcess) await target.stop();
  }, 60_000);
});

/** The soft RLIMIT_NOFILE of this process (Node has no getrlimit; Linux shows it in /proc). */
function openFilesLimit(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === 'unlimited' ? Infinity : Number(soft);
  } catch {
    return Infinity;
  }
}
