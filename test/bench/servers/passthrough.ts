// Reference (a), the seed's pattern as written: each stream is a PassThrough given to Koa as the body,
// a hub keeps the channels of each game and loops over them writing every message as a string.
import Router from '@koa/router';
import Koa from 'koa';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { BagResult, Side } from '../../../server/domain/index.js';
import { benchServer } from './harness.js';
import { MemoryGames, readJson } from './memory-games.js';

class Hub {
  private readonly channels = new Map<string, Set<PassThrough>>();

  subscribe(gameId: string, channel: PassThrough): void {
    let set = this.channels.get(gameId);
    if (!set) this.channels.set(gameId, (set = new Set()));
    set.add(channel);
  }

  unsubscribe(gameId: string, channel: PassThrough): void {
    this.channels.get(gameId)?.delete(channel);
  }

  publish(gameId: string, id: number, event: string, data: unknown): void {
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    for (const channel of this.channels.get(gameId) ?? []) {
      channel.write(`id: ${id}\nevent: ${event}\ndata: ${payload}\n\n`);
    }
  }

  heartbeat(): void {
    for (const set of this.channels.values()) for (const channel of set) channel.write(':\n\n');
  }
}

benchServer(async () => {
  const games = new MemoryGames();
  const hub = new Hub();
  const heartbeat = setInterval(() => hub.heartbeat(), 15_000);
  const app = new Koa();
  // A phone hanging up is not worth a log line.
  app.silent = true;
  const router = new Router();

  router.post('/api/games', async (ctx) => {
    const body = (await readJson(ctx.req)) as { home: { name: string }; away: { name: string } };
    ctx.status = 201;
    ctx.body = games.create(body.home.name, body.away.name);
  });

  router.post('/api/games/:id/throws', async (ctx) => {
    const body = (await readJson(ctx.req)) as { side: Side; result: BagResult };
    const state = games.throwBag(ctx.params.id!, body.side, body.result);
    if (typeof state === 'string') return ctx.throw(409, state);
    hub.publish(state.id, state.version, 'refresh-scoreboard', 'changed');
    hub.publish(state.id, state.version, 'state', games.live(state));
    ctx.body = state;
  });

  router.get('/api/games/:id/state', (ctx) => {
    const state = games.get(ctx.params.id!);
    if (!state) return ctx.throw(404);
    ctx.body = state;
  });

  router.get('/games/:id/scoreboard', (ctx) => {
    const state = games.get(ctx.params.id!);
    if (!state) return ctx.throw(404);
    ctx.type = 'html';
    ctx.body = games.scoreboardHtml(state);
  });

  router.get('/games/:id/events', (ctx) => {
    const id = ctx.params.id!;
    if (!games.get(id)) ctx.throw(404);
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    ctx.req.socket.setKeepAlive(true);
    ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    const stream = new PassThrough();
    ctx.status = 200;
    ctx.body = stream;
    stream.write('retry: 2000\n\n');
    hub.subscribe(id, stream);
    ctx.req.on('close', () => hub.unsubscribe(id, stream));
  });

  app.use(router.routes()).use(router.allowedMethods());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      clearInterval(heartbeat);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
});
