// createApp(deps) builds the Koa app from its parts; it never listens (start.ts does).
import Koa from 'koa';
import { errorMiddleware, isClientHangup } from './http/errors.js';
import { guard } from './http/guard.js';
import { securityHeaders } from './http/headers.js';
import { apiRouter } from './routes/api.js';
import type { AppDeps } from './routes/context.js';
import { hostRouter } from './routes/host.js';
import { keeperRouter } from './routes/keeper.js';
import { pagesRouter } from './routes/pages.js';
import { partialsRouter } from './routes/partials.js';
import { streamsRouter } from './routes/streams.js';

export type { AppDeps } from './routes/context.js';

export function createApp(deps: AppDeps, log: (line: string) => void = (l) => console.error(l)): Koa {
  const app = new Koa();
  app.proxy = false;
  app.silent = true;
  app.on('error', (err: unknown) => {
    if (isClientHangup(err)) return;
    log(`BagTrax error: ${(err as Error)?.stack ?? String(err)}`);
  });

  app.use(securityHeaders);
  app.use(errorMiddleware);
  app.use(guard({ keepers: deps.keepers, limiter: deps.limiter, allowedHost: deps.allowedHost }));

  for (const router of [
    deps.assets.router(),
    pagesRouter(deps),
    partialsRouter(deps),
    streamsRouter(deps),
    apiRouter(deps),
    keeperRouter(deps),
    hostRouter(deps),
  ]) {
    app.use(router.routes()).use(router.allowedMethods({ throw: true }));
  }
  return app;
}
