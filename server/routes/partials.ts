// Fragments HTMX swaps in: the scoreboard and the board cards. The scoreboard is rendered once per
// game version and served with a strong ETag, so a thousand phones refreshing cost one render and a
// phone that is already current gets a 304.
import Router from '@koa/router';
import type { Context } from 'koa';
import { notFound } from '../http/errors.js';
import { boardCard, boardGrid, type CardOptions } from '../views/partials/board-card.js';
import { friendlyList } from '../views/partials/friendlies.js';
import { isKeeper, isOrganiser, withWatchers, type ReadDeps } from './context.js';
import { gameId } from './schemas.js';

const HTML = 'text/html; charset=utf-8';

export function sendCached(ctx: Context, body: Buffer | string, etag: string): void {
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'no-cache');
  // The header itself rather than ctx.type, which looks the type up on every answer.
  ctx.set('Content-Type', HTML);
  if (ctx.get('If-None-Match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.body = body;
}

export function partialsRouter(deps: ReadDeps): Router {
  const { reads: games, hub } = deps;
  const router = new Router();

  router.get('/games/:id/scoreboard', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const hit = id ? deps.scoreboards.get(id) : null;
    if (!hit) throw notFound();
    sendCached(ctx, hit.body, hit.etag);
  });

  const variantOf = (ctx: Context): CardOptions => {
    const v = ctx.query.variant;
    const variant = v === 'tv' || v === 'host' ? v : 'venue';
    // The host variant shows keeper controls, so it is only for keepers (and the organiser's, for them).
    if (variant === 'host' && !isKeeper(ctx)) return { variant: 'venue', keeper: false };
    return { variant, keeper: isKeeper(ctx), organiser: variant === 'host' && isOrganiser(ctx) };
  };

  router.get('/friendlies', (ctx) => {
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = friendlyList(games.friendlies(), variantOf(ctx)).value;
  });

  router.get('/boards', (ctx) => {
    const o = variantOf(ctx);
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = boardGrid(
      games.boards().map((b) => withWatchers(hub, b)),
      o,
      // The TV wall's grid has the friendly games in play beside the boards.
      o.variant === 'tv' ? games.friendlies() : [],
    ).value;
  });

  router.get('/boards/:n', (ctx) => {
    const n = Number(ctx.params.n);
    const board = Number.isInteger(n) ? games.boards().find((b) => b.number === n) : undefined;
    if (!board) throw notFound('There is no such board.');
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = boardCard(withWatchers(hub, board), variantOf(ctx)).value;
  });

  return router;
}
