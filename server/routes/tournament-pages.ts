// The pages a person opens for tournaments, and their fragments: the list (/tournaments, and the
// list fragment the venue pages refresh), a tournament's page, its TV mode and its live region, and
// the organiser's new-tournament form and run page. Reads only: the writes (JSON API, form posts)
// and the stream live beside these.
import Router from '@koa/router';
import type { Context } from 'koa';
import type { TournamentState } from '../domain/tournament/index.js';
import { notFound } from '../http/errors.js';
import type { Html } from '../views/html.js';
import { takeFlash } from '../http/flash.js';
import type { TournamentReads, TournamentSummary } from '../tournaments/types.js';
import { newTournamentPage } from '../views/pages/new-tournament.js';
import { runRegion, runTournamentPage } from '../views/pages/run-tournament.js';
import { tournamentPage, tournamentRegion, tournamentTvPage } from '../views/pages/tournament.js';
import { tournamentsPage } from '../views/pages/tournaments.js';
import { tournamentList, type ListVariant } from '../views/partials/tournament-list.js';
import {
  isOrganiser,
  layoutBase,
  requireKeeperPage,
  requireOrganiser,
  sendHtml,
  type AppDeps,
  type ReadDeps,
} from './context.js';
import { gameId as urlId } from './schemas.js';

/** How long a finished tournament stays on the venue pages: the night it was played. */
export const TONIGHT_MS = 12 * 60 * 60 * 1000;

/** What the venue pages list: every tournament not finished, and those finished in the last 12 hours. */
export function tonight(list: readonly TournamentSummary[], now = Date.now()): TournamentSummary[] {
  return list.filter((t) => t.status !== 'final' || Date.parse(t.updatedAt) > now - TONIGHT_MS);
}

/**
 * The region every phone and TV fetches on `refresh-bracket` (a 64-team bracket is ~120 KB and a
 * few ms to draw): drawn once per tournament version and variant, and again after a few seconds so
 * that its clock ("called 2 min ago", `data-now`) stays the server's.
 */
class RegionCache {
  private readonly drawn = new Map<string, { at: number; html: Html }>();
  static readonly FRESH_MS = 5000;
  static readonly MAX = 64;

  get(state: TournamentState, variant: string, now: number, draw: () => Html): Html {
    const key = `${state.id} ${state.version} ${variant}`;
    const hit = this.drawn.get(key);
    if (hit && now - hit.at < RegionCache.FRESH_MS) return hit.html;
    const html = draw();
    this.drawn.delete(key);
    this.drawn.set(key, { at: now, html });
    // Insertion order is age order: the oldest go first.
    for (const old of this.drawn.keys()) {
      if (this.drawn.size <= RegionCache.MAX) break;
      this.drawn.delete(old);
    }
    return html;
  }
}

const LIST_VARIANTS = new Set<ListVariant>(['page', 'venue', 'tv', 'host']);

export function tournamentPagesRouter(deps: ReadDeps, tournaments: TournamentReads): Router {
  const router = new Router();
  const regions = new RegionCache();

  /** The tournament named in the URL, or the 404 page (JSON for scripts). */
  const stateOf = (ctx: Context): TournamentState => {
    const id = urlId(ctx.params.id ?? '');
    const state = id ? tournaments.get(id) : null;
    if (!state) throw notFound('There is no such tournament. It may have been on another venue laptop.');
    return state;
  };

  router.get('/tournaments', (ctx) => {
    sendHtml(
      ctx,
      tournamentsPage(tournaments.list(), deps.reads.venueSeq(), layoutBase(ctx, deps), isOrganiser(ctx)),
    );
  });

  router.get('/tournament-list', (ctx) => {
    const asked = ctx.query.variant as ListVariant;
    const variant = LIST_VARIANTS.has(asked) ? asked : 'venue';
    const all = tournaments.list();
    sendHtml(
      ctx,
      tournamentList(variant === 'page' ? all : tonight(all), {
        variant,
        organiser: variant !== 'tv' && isOrganiser(ctx),
      }),
    );
  });

  router.get('/tournaments/:id', (ctx) => {
    sendHtml(ctx, tournamentPage(stateOf(ctx), Date.now(), layoutBase(ctx, deps), isOrganiser(ctx)));
  });

  router.get('/tournaments/:id/tv', async (ctx) => {
    const state = stateOf(ctx);
    sendHtml(ctx, tournamentTvPage(state, Date.now(), await deps.join(), layoutBase(ctx, deps)));
  });

  // One fragment for every page of a tournament: the spectators' (default), the TV's, the organiser's.
  router.get('/tournaments/:id/bracket', (ctx) => {
    const state = stateOf(ctx);
    const v = ctx.query.variant;
    const now = Date.now();
    // The host variant carries the run controls: only for the organiser, anyone else gets the page's.
    if (v === 'host' && isOrganiser(ctx)) return sendHtml(ctx, runRegion(state, now));
    const variant = v === 'tv' ? 'tv' : 'page';
    sendHtml(
      ctx,
      regions.get(state, variant, now, () => tournamentRegion(state, { variant, now })),
    );
  });

  return router;
}

/** The organiser's pages of a tournament (the primary's only): the new-tournament form and the run page. */
export function tournamentHostPagesRouter(deps: AppDeps): Router {
  const router = new Router();
  const { tournaments } = deps;
  const stateOf = (ctx: Context): TournamentState => {
    const id = urlId(ctx.params.id ?? '');
    const state = id ? tournaments.get(id) : null;
    if (!state) throw notFound('There is no such tournament. It may have been on another venue laptop.');
    return state;
  };

  /** The organiser's pages send strangers to the login page; a keeper hears that it is not theirs. */
  const organiserPage = (ctx: Context): boolean => {
    if (!requireKeeperPage(ctx)) return false;
    requireOrganiser(ctx);
    return true;
  };

  router.get('/host/tournaments/new', (ctx) => {
    if (!organiserPage(ctx)) return;
    const { games } = deps;
    sendHtml(
      ctx,
      newTournamentPage({ boardCount: games.boardCount(), roster: games.roster() }, layoutBase(ctx, deps)),
    );
  });

  router.get('/host/tournaments/:id', (ctx) => {
    if (!organiserPage(ctx)) return;
    const state = stateOf(ctx);
    sendHtml(
      ctx,
      runTournamentPage({ state, flash: takeFlash(ctx), now: Date.now() }, layoutBase(ctx, deps)),
    );
  });

  return router;
}
