// The JSON API: create, fix, remove and restore a game, change its place in its board's line, record
// bags and rounds, undo (the primary's); read state and lists, health, exports (reads, a relay's too).
import Router from '@koa/router';
import type { Context } from 'koa';
import { PRESETS, type Command, type GameEdit } from '../domain/index.js';
import { gameCsv, resultsCsv } from '../games/csv.js';
import { attachment, day, gameFileName } from '../games/file-names.js';
import type { KeyedRequest } from '../games.js';
import { readJson } from '../http/body.js';
import { badRequest, notFound } from '../http/errors.js';
import { sendWrite } from './answers.js';
import { requireOrganiser, type AppDeps, type ReadDeps } from './context.js';
import {
  createGameSchema,
  editGameSchema,
  gameId,
  idempotencyKey,
  parse,
  queueSchema,
  restoreSchema,
  roundSchema,
  throwSchema,
  undoSchema,
} from './schemas.js';

/** The JSON reads: lists, a game's state and its CSV, the results, health. A relay serves these too. */
export function apiReadRouter(deps: ReadDeps): Router {
  const { reads: games, hub } = deps;
  const router = new Router({ prefix: '/api' });

  router.get('/games', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = games.list().map((g) => ({
      id: g.id,
      board: g.board,
      status: g.status,
      version: g.version,
      home: g.home,
      away: g.away,
    }));
  });

  router.get('/games/:id/state', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw notFound();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = state;
  });

  router.get('/games/:id/export.csv', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (state === null) throw notFound();
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', attachment(gameFileName(state), 'csv'));
    ctx.body = gameCsv(state);
  });

  router.get('/results.csv', (ctx) => {
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Disposition', attachment(`bagtrax-results-${day(new Date().toISOString())}`, 'csv'));
    ctx.body = resultsCsv(games.results());
  });

  router.get('/health', (ctx) => {
    const s = hub.stats();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      status: 'ok',
      streams: s.streams,
      topics: s.topics,
      cutOff: s.cutOff,
      refused: s.refused,
      redis: deps.redisStatus?.() ?? null,
      ...deps.health?.(),
    };
  });

  return router;
}

export function apiRouter(deps: AppDeps): Router {
  const { games, hub } = deps;
  const router = new Router({ prefix: '/api' });

  /** What an Idempotency-Key must keep meaning: this method, path and (parsed) body. */
  const keyed = (ctx: Context, key: string | undefined, body: unknown): KeyedRequest | undefined =>
    key === undefined ? undefined : { key, method: ctx.method, path: ctx.path, body };

  router.post('/games', async (ctx) => {
    // A malformed key or body is refused (400) before the key is looked up (422) or the game (404).
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const raw = await readJson(ctx);
    const body = parse(createGameSchema, raw);
    const rules = { ...(body.preset ? PRESETS[body.preset].rules : {}), ...body.rules };
    const result = games.create(
      {
        home: { name: body.home.name, players: body.home.players ?? [] },
        away: { name: body.away.name, players: body.away.players ?? [] },
        board: body.board ?? null,
        rules,
        ...(body.firstThrow ? { firstThrow: body.firstThrow } : {}),
      },
      { request: keyed(ctx, key, raw) },
    );
    sendWrite(ctx, hub, result);
  });

  const write = (parseCommand: (body: unknown) => { command: Command; expectedVersion?: number }) =>
    async function writeRoute(ctx: Context): Promise<void> {
      const key = idempotencyKey(ctx.get('Idempotency-Key'));
      const raw = await readJson(ctx);
      const { command, expectedVersion } = parseCommand(raw);
      // An unknown game is the pipeline's 404, decided after the key: a kept answer comes first.
      const id = ctx.params.id ?? '';
      sendWrite(ctx, hub, games.command(id, command, { expectedVersion, request: keyed(ctx, key, raw) }));
    };

  router.post(
    '/games/:id/throws',
    write((raw) => {
      const b = parse(throwSchema, raw);
      return {
        command: { type: 'throw', side: b.side, result: b.result },
        expectedVersion: b.expectedVersion,
      };
    }),
  );
  router.post(
    '/games/:id/rounds',
    write((raw) => {
      const b = parse(roundSchema, raw);
      return { command: { type: 'round', home: b.home, away: b.away }, expectedVersion: b.expectedVersion };
    }),
  );
  router.post(
    '/games/:id/undo',
    write((raw) => {
      const b = parse(undoSchema, raw);
      return { command: { type: 'undo' }, expectedVersion: b.expectedVersion };
    }),
  );

  router.patch('/games/:id', async (ctx) => {
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const raw = await readJson(ctx);
    const body = parse(editGameSchema, raw);
    if (body.home === undefined && body.away === undefined && body.board === undefined) {
      throw badRequest('Send at least one of home, away and board to change.', 'missing_field');
    }
    const edit: GameEdit = {
      ...(body.home ? { home: body.home.name } : {}),
      ...(body.away ? { away: body.away.name } : {}),
      ...(body.board !== undefined ? { board: body.board } : {}),
    };
    const id = ctx.params.id ?? '';
    sendWrite(
      ctx,
      hub,
      games.edit(id, edit, { expectedVersion: body.expectedVersion, request: keyed(ctx, key, raw) }),
    );
  });

  router.delete('/games/:id', removeGame(deps));

  router.post('/games/:id/restore', async (ctx) => {
    requireOrganiser(ctx);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const raw = await readJson(ctx);
    parse(restoreSchema, raw);
    const id = gameId(ctx.params.id ?? '');
    if (!id) throw notFound();
    sendWrite(ctx, hub, games.restore(id, { request: keyed(ctx, key, raw) }));
  });

  // A script moves a waiting game by naming the place it wants ("position": 1 is next), the number
  // `state.queue.position` reads: absolute, so a retry or a repeat lands on the same place (a step
  // "earlier" would move twice), any order is a few requests from the front, and the answer is the
  // game's state like every game write's, with expectedVersion and Idempotency-Key as there. (A whole
  // line's order at once would be refused by any change to the line made meanwhile.)
  router.post('/games/:id/queue', async (ctx) => {
    requireOrganiser(ctx);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const raw = await readJson(ctx);
    const body = parse(queueSchema, raw);
    const id = gameId(ctx.params.id ?? '');
    if (!id) throw notFound();
    const opts = { expectedVersion: body.expectedVersion, request: keyed(ctx, key, raw) };
    sendWrite(ctx, hub, games.placeInLine(id, body.position, opts));
  });

  router.get('/export.json', (ctx) => {
    ctx.set('Content-Disposition', 'attachment; filename="bagtrax-results.json"');
    ctx.body = games.exportVenueJson();
  });

  return router;
}

/** DELETE /api/games/{id} (organiser): 204, the game gone from every surface and its streams ended. */
function removeGame(deps: AppDeps) {
  return function removeGameRoute(ctx: Context): void {
    requireOrganiser(ctx);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const id = gameId(ctx.params.id ?? '');
    if (!id) throw notFound();
    const request = key === undefined ? undefined : { key, method: ctx.method, path: ctx.path, body: {} };
    sendWrite(ctx, deps.hub, deps.games.remove(id, { request }));
  };
}
