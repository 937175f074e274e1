// Pages a person opens: the venue overview, a game, the TV wall, and the keeper's pad and new-game form.
import Router from '@koa/router';
import { notFound } from '../http/errors.js';
import { gamePage } from '../views/pages/game.js';
import { keepPage } from '../views/pages/keep.js';
import { newGamePage } from '../views/pages/new-game.js';
import { overviewPage, tvPage } from '../views/pages/overview.js';
import { takeFlash } from '../http/flash.js';
import { isKeeper, layoutBase, requireKeeperPage, sendHtml, type AppDeps, type ReadDeps } from './context.js';
import { gameId } from './schemas.js';
import { tonight } from './tournament-pages.js';

export function pagesRouter(deps: ReadDeps): Router {
  const games = deps.reads;
  const router = new Router();
  const tournamentsTonight = () => tonight(deps.tournaments.list());

  router.get('/', (ctx) => {
    // A keeper who started a board's next game here comes back to its one-time message.
    const flash = isKeeper(ctx) ? takeFlash(ctx) : null;
    const base = layoutBase(ctx, deps);
    sendHtml(
      ctx,
      overviewPage(games.boards(), games.venueSeq(), base, games.friendlies(), flash, tournamentsTonight()),
    );
  });

  router.get('/tv', async (ctx) => {
    const [base, join] = [layoutBase(ctx, deps), await deps.join()];
    sendHtml(
      ctx,
      tvPage(games.boards(), games.venueSeq(), join, base, games.friendlies(), tournamentsTonight()),
    );
  });

  const missing = missingGame(games);

  router.get('/games/:id', (ctx) => {
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw missing(id, 'There is no such game. It may have been on another venue laptop.');
    sendHtml(ctx, gamePage(state, layoutBase(ctx, deps)));
  });

  return router;
}

/** A game's page that cannot be shown: retired by its tournament, removed by the organiser, or never here. */
function missingGame(games: ReadDeps['reads']) {
  return (id: string | null, otherwise: string) => {
    const tournament = id ? games.retiredBy(id) : null;
    if (tournament) {
      return notFound(
        `This game's match in ${tournament.name} was reset or forfeited, so the game is no longer played. The tournament's page shows its matches.`,
      );
    }
    return id && games.isRemoved(id)
      ? notFound(
          'This game was removed by the organiser. Its board and the other games are on the boards page.',
        )
      : notFound(otherwise);
  };
}

/** The keeper's pages (the primary's only): the new-game form and a game's pad. */
export function keeperPagesRouter(deps: AppDeps): Router {
  const { games } = deps;
  const router = new Router();
  const missing = missingGame(games);

  router.get('/keep/new', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    sendHtml(
      ctx,
      newGamePage({ boardCount: games.boardCount(), roster: games.roster() }, layoutBase(ctx, deps)),
    );
  });

  router.get('/keep/:id', (ctx) => {
    if (!requireKeeperPage(ctx)) return;
    const id = gameId(ctx.params.id ?? '');
    const state = id ? games.get(id) : null;
    if (!state) throw missing(id, 'There is no such game.');
    sendHtml(ctx, keepPage(state, layoutBase(ctx, deps)));
  });

  return router;
}
