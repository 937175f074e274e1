// createApp(deps) builds everything that answers a request: the scoreboard fast path and the Koa app
// behind it. It never listens (start.ts does), so a test serving `callback()` meets what phones meet.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Koa from 'koa';
import { cors } from './http/cors.js';
import { errorMiddleware, isClientHangup } from './http/errors.js';
import { fastScoreboard } from './http/fast-scoreboard.js';
import { fastStream } from './http/fast-streams.js';
import { guard } from './http/guard.js';
import { securityHeaders } from './http/headers.js';
import { apiReadRouter, apiRouter } from './routes/api.js';
import type { AppDeps, ReadDeps } from './routes/context.js';
import { hostRouter } from './routes/host.js';
import { keeperRouter } from './routes/keeper.js';
import { overlaysRouter } from './routes/overlays.js';
import { keeperPagesRouter, pagesRouter } from './routes/pages.js';
import { partialsRouter } from './routes/partials.js';
import { streamsRouter } from './routes/streams.js';
import { tournamentHostRouter } from './routes/tournament-host.js';
import { tournamentHostPagesRouter, tournamentPagesRouter } from './routes/tournament-pages.js';
import { tournamentsApiRouter, tournamentsReadRouter } from './routes/tournaments-api.js';

export type { AppDeps, ReadDeps } from './routes/context.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface App {
  /** The node request handler: the fast paths first, Koa for everything they leave. */
  callback(): RequestHandler;
  /** The Koa app behind the fast path. */
  koa: Koa;
}

/**
 * The primary's app (deps with the games service, keepers and limiter) or a relay's (reads only:
 * every write, keeper page and login answers 405 read_only; CONTRACT.md "Relays").
 */
export function createApp(
  deps: AppDeps | ReadDeps,
  log: (line: string) => void = (l) => console.error(l),
): App {
  const koa = createKoa(deps, log);
  const { scoreboards, allowedHost, hub, reads } = deps;
  // Ahead of Koa: the scoreboard fragment every phone fetches after a bag, and a game's stream that
  // every phone opens again when the venue's Wi-Fi comes back (server/http/fast-*.ts).
  const fast = fastScoreboard({ scoreboards, allowedHost, hub });
  const stream = fastStream({ hub, games: reads, allowedHost, waitsAhead: deps.role === 'relay' });
  return {
    koa,
    callback() {
      const rest = koa.callback();
      return (req, res) => {
        if (!fast(req, res) && !stream(req, res)) void rest(req, res);
      };
    },
  };
}

function isPrimary(deps: AppDeps | ReadDeps): deps is AppDeps {
  return deps.role === 'primary' && 'games' in deps;
}

function createKoa(deps: AppDeps | ReadDeps, log: (line: string) => void): Koa {
  const app = new Koa();
  app.proxy = false;
  app.silent = true;
  app.on('error', (err: unknown) => {
    if (isClientHangup(err)) return;
    log(`BagTrax error: ${(err as Error)?.stack ?? String(err)}`);
  });

  app.use(securityHeaders);
  app.use(errorMiddleware);
  const primary = isPrimary(deps) ? deps : null;
  app.use(
    guard({
      access: primary ? { keepers: primary.keepers, limiter: primary.limiter } : null,
      allowedHost: deps.allowedHost,
      clientOf: deps.clientOf,
    }),
  );
  app.use(cors);

  const reads = [
    deps.assets.router(),
    pagesRouter(deps),
    partialsRouter(deps),
    overlaysRouter(deps),
    streamsRouter(deps),
    apiReadRouter(deps),
    tournamentsReadRouter(deps),
    tournamentPagesRouter(deps, deps.tournaments),
  ];
  const writes = primary
    ? [
        keeperPagesRouter(primary),
        apiRouter(primary),
        tournamentsApiRouter(primary),
        keeperRouter(primary),
        hostRouter(primary),
        tournamentHostPagesRouter(primary),
        tournamentHostRouter(primary),
      ]
    : [];
  for (const router of [...reads, ...writes]) {
    app.use(router.routes()).use(router.allowedMethods({ throw: true }));
  }
  return app;
}
