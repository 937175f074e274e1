// The event streams through a real server: events with the version as id, resume by Last-Event-ID or
// ?since, slow clients cut off without hurting others, and streams released when clients leave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../kit/server.js';
import { SseClient } from '../../kit/sse.js';
import { until } from '../../kit/until.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ maxQueuedBytes: 64 * 1024 });
});
afterAll(async () => {
  await server.stop();
});

const bag = (id: string, side = 'home', result = 'hole') =>
  server.api('POST', `/api/games/${id}/throws`, { side, result });

describe('game event stream', () => {
  it('sends refresh-scoreboard and state with the new version as id after a write', async () => {
    const game = await server.createGame();
    const sse = await SseClient.open(`${server.url}/games/${game.id}/events?since=0`);
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(sse.headers['content-encoding']).toBeUndefined();
    await bag(game.id);
    await sse.waitFor((e) => e.length >= 2);
    expect(sse.events[0]).toEqual({ id: '1', event: 'refresh-scoreboard', data: 'changed' });
    expect(sse.events[1]!.id).toBe('1');
    expect(sse.events[1]!.event).toBe('state');
    const state = JSON.parse(sse.events[1]!.data);
    expect(state.version).toBe(1);
    expect(state.home.score).toBe(0);
    expect(state.round.home.hole).toBe(1);
    expect(state.rounds).toBeUndefined();
    sse.close();
  });

  it('catches up a client that is behind at once, by Last-Event-ID before ?since', async () => {
    const game = await server.createGame();
    await bag(game.id);
    await bag(game.id);
    const behind = await SseClient.open(`${server.url}/games/${game.id}/events?since=2`, {
      'Last-Event-ID': '1',
    });
    await behind.waitFor((e) => e.length >= 2);
    expect(behind.events.map((e) => e.id)).toEqual(['2', '2']);
    behind.close();
    const ahead = await SseClient.open(`${server.url}/games/${game.id}/events?since=99`);
    await ahead.waitFor((e) => e.length >= 2);
    expect(ahead.events[1]!.event).toBe('state');
    ahead.close();
  });

  it('sends nothing extra to a client at the current version, then the next write', async () => {
    const game = await server.createGame();
    await bag(game.id);
    const current = await SseClient.open(`${server.url}/games/${game.id}/events`, { 'Last-Event-ID': '1' });
    await new Promise((r) => setTimeout(r, 300));
    expect(current.events).toEqual([]);
    await bag(game.id, 'away', 'board');
    await current.waitFor((e) => e.length >= 2);
    expect(current.events.map((e) => e.id)).toEqual(['2', '2']);
    current.close();
  });

  // A slow client cut off while others receive everything: test/integration/resume-and-scale.test.ts.

  it('releases 1,000 streams opened and closed, back to streams: 0', async () => {
    const game = await server.createGame();
    const url = `${server.url}/games/${game.id}/events`;
    for (let batch = 0; batch < 4; batch++) {
      const clients = await Promise.all(Array.from({ length: 250 }, () => SseClient.open(url)));
      expect(clients.every((c) => c.status === 200)).toBe(true);
      clients.forEach((c) => c.close());
    }
    const streams = async () => (await server.get('/api/health')).json.streams;
    await until(async () => (await streams()) === 0, 'streams: 0');
    expect(await streams()).toBe(0);
  });

  it('sends refresh-board-N on the venue stream when a board game changes', async () => {
    const game = await server.createGame({ board: 3 });
    const venue = await SseClient.open(`${server.url}/events`);
    await venue.waitFor((e) => e.length >= 1); // catch-up: no ?since, so it is told to refresh
    await bag(game.id);
    await venue.waitFor((e) => e.some((m) => m.event === 'refresh-board-3'));
    const ids = venue.events.map((m) => Number(m.id));
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    venue.close();
  });
});
