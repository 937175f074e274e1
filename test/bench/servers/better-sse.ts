// Reference (b): Koa with better-sse as its documentation shows it: `createSession(ctx.req, ctx.res)`
// after `ctx.respond = false`, one Channel per game, and `channel.broadcast(...)` for each event.
import Router from '@koa/router';
import { createChannel, createSession, type Channel } from 'better-sse';
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import type { BagResult, Side } from '../../../server/domain/index.js';
import { benchServer } from './harness.js';
import { MemoryGames, readJson } from './memory-games.js';

benchServer(async () => {
  const games = new MemoryGames();
  const channels = new Map<string, Channel>();
  const channelOf = (gameId: string): Channel => {
    let channel = channels.get(gameId);
    if (!channel) channels.set(gameId, (channel = createChannel()));
    return channel;
  };
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
    const eventId = String(state.version);
    const channel = channelOf(state.id);
    channel.broadcast('changed', 'refresh-scoreboard', { eventId });
    channel.broadcast(games.live(state), 'state', { eventId });
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

  router.get('/games/:id/events', async (ctx) => {
    const id = ctx.params.id!;
    if (!games.get(id)) ctx.throw(404);
    // Prevent Koa from sending a response and closing the connection.
    ctx.respond = false;
    // Koa has already set res.statusCode to 404, which better-sse would send as the stream's status.
    const session = await createSession(ctx.req, ctx.res, { statusCode: 200 });
    channelOf(id).register(session);
  });

  app.use(router.routes()).use(router.allowedMethods());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
});
