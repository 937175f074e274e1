// The overlays another site may frame (a stream's video, a league's page): one board's score bug and
// one game's, each a page and the fragment it refreshes from. A relay serves them as the primary does.
import Router from '@koa/router';
import type { Context } from 'koa';
import { notFound } from '../http/errors.js';
import { allowFraming } from '../http/headers.js';
import { boardBug, boardOverlayPage, gameBug, gameOverlayPage } from '../views/pages/overlay.js';
import type { BoardView } from '../views/partials/board-card.js';
import { layoutBase, sendHtml, type ReadDeps } from './context.js';
import { gameId } from './schemas.js';

export function overlaysRouter(deps: ReadDeps): Router {
  const games = deps.reads;
  const router = new Router();

  const boardOf = (ctx: Context): BoardView => {
    const raw = ctx.params.n ?? '';
    const n = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
    const board = games.boards().find((b) => b.number === n);
    if (!board) throw notFound('There is no such board.');
    return board;
  };
  const gameOf = (ctx: Context) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw notFound();
    return state;
  };

  router.get('/boards/:n/overlay', (ctx) => {
    const board = boardOf(ctx);
    allowFraming(ctx, deps.overlayFrameAncestors);
    sendHtml(ctx, boardOverlayPage(board, games.venueSeq(), layoutBase(ctx, deps)));
  });
  router.get('/boards/:n/overlay/score', (ctx) => {
    sendHtml(ctx, boardBug(boardOf(ctx)));
  });

  router.get('/games/:id/overlay', (ctx) => {
    const state = gameOf(ctx);
    allowFraming(ctx, deps.overlayFrameAncestors);
    sendHtml(ctx, gameOverlayPage(state, layoutBase(ctx, deps)));
  });
  router.get('/games/:id/overlay/score', (ctx) => {
    sendHtml(ctx, gameBug(gameOf(ctx)));
  });

  return router;
}
