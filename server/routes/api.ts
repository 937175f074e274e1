// The JSON API: create a game, record bags and rounds, undo, read state and lists, health, exports.
import Router from '@koa/router';
import type { Context } from 'koa';
import { PRESETS, type Command } from '../domain/index.js';
import type { Outcome } from '../games.js';
import { readJson } from '../http/body.js';
import { notFound } from '../http/errors.js';
import { publishChange } from '../realtime.js';
import { requireOrganiser, type AppDeps } from './context.js';
import {
  createGameSchema,
  gameId,
  idempotencyKey,
  parse,
  roundSchema,
  throwSchema,
  undoSchema,
} from './schemas.js';

export function apiRouter(deps: AppDeps): Router {
  const { games, hub } = deps;
  const router = new Router({ prefix: '/api' });

  const answer = (ctx: Context, outcome: Outcome): void => {
    if (outcome.changed && outcome.change) publishChange(hub, outcome.change, outcome.state);
    ctx.status = outcome.status;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = outcome.body;
  };

  const requireGame = (ctx: Context): string => {
    const id = gameId(ctx.params.id ?? '');
    if (!id || !games.get(id)) throw notFound();
    return id;
  };

  router.post('/games', async (ctx) => {
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const body = parse(createGameSchema, await readJson(ctx));
    const rules = { ...(body.preset ? PRESETS[body.preset].rules : {}), ...body.rules };
    const outcome = games.create(
      {
        home: { name: body.home.name, players: body.home.players ?? [] },
        away: { name: body.away.name, players: body.away.players ?? [] },
        board: body.board ?? null,
        rules,
        ...(body.firstThrow ? { firstThrow: body.firstThrow } : {}),
      },
      { idempotencyKey: key },
    );
    answer(ctx, outcome);
  });

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

  const write = (parseCommand: (body: unknown) => { command: Command; expectedVersion?: number }) =>
    async function writeRoute(ctx: Context): Promise<void> {
      const key = idempotencyKey(ctx.get('Idempotency-Key'));
      const { command, expectedVersion } = parseCommand(await readJson(ctx));
      const id = requireGame(ctx);
      answer(ctx, games.command(id, command, { expectedVersion, idempotencyKey: key }));
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

  router.delete('/games/:id', removeGame(deps, answer));

  router.get('/games/:id/state', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw notFound();
    ctx.set('Cache-Control', 'no-store');
    ctx.body = state;
  });

  router.get('/games/:id/export.csv', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const csv = id ? games.exportGameCsv(id) : null;
    if (csv === null || !id) throw notFound();
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="bagtrax-game-${id}.csv"`);
    ctx.body = csv;
  });

  router.get('/export.json', (ctx) => {
    ctx.set('Content-Disposition', 'attachment; filename="bagtrax-results.json"');
    ctx.body = games.exportVenueJson();
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
      ...deps.health?.(),
    };
  });

  return router;
}

/** DELETE /api/games/{id} (organiser): 204, the game gone from every surface and its streams ended. */
function removeGame(deps: AppDeps, answer: (ctx: Context, outcome: Outcome) => void) {
  return function removeGameRoute(ctx: Context): void {
    requireOrganiser(ctx);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const id = gameId(ctx.params.id ?? '');
    if (!id) throw notFound();
    answer(ctx, deps.games.remove(id, { idempotencyKey: key }));
  };
}
