// Pages a person opens: the venue overview, a game, the TV wall, and the keeper's pad and new-game form.
import Router from '@koa/router';
import { notFound } from '../http/errors.js';
import { gamePage } from '../views/pages/game.js';
import { keepPage } from '../views/pages/keep.js';
import { newGamePage } from '../views/pages/new-game.js';
import { overviewPage, tvPage } from '../views/pages/overview.js';
import { layoutBase, requireKeeperPage, sendHtml, type AppDeps } from './context.js';
import { gameId } from './schemas.js';

export function pagesRouter(deps: AppDeps): Router {
  const { games } = deps;
  const router = new Router();

  router.get('/', (ctx) => {
    sendHtml(ctx, overviewPage(games.boards(), games.venueSeq(), layoutBase(ctx, deps)));
  });

  router.get('/tv', async (ctx) => {
    sendHtml(ctx, tvPage(games.boards(), games.venueSeq(), await deps.join(), layoutBase(ctx, deps)));
  });

  router.get('/games/:id', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw notFound('There is no such game. It may have been on another venue laptop.');
    sendHtml(ctx, gamePage(state, layoutBase(ctx, deps)));
  });

  router.get('/keep/new', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    sendHtml(ctx, newGamePage(games.boardCount(), null, layoutBase(ctx, deps)));
  });

  router.get('/keep/:id', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw notFound();
    sendHtml(ctx, keepPage(state, layoutBase(ctx, deps)));
  });

  return router;
}
