// CORS for what a third-party page may read from here (a league's website, a stream overlay): the
// read-only JSON (a game's state, the lists of games and tournaments, a tournament) and the event
// streams, to any origin, without credentials. Never on a write, a page, or any other route: a
// write's answer stays unreadable to other sites, and its preflight is refused.
import type { Context, Next } from 'koa';

const READABLE =
  /^\/(?:api\/games|api\/games\/[^/]+\/state|api\/tournaments|api\/tournaments\/[^/]+|events|games\/[^/]+\/events|tournaments\/[^/]+\/events)$/;

/** Whether `method path` is a read another site may make. */
export function isCorsRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && READABLE.test(path);
}

export async function cors(ctx: Context, next: Next): Promise<void> {
  const asked = ctx.get('Access-Control-Request-Method');
  if (ctx.method === 'OPTIONS' && asked && ctx.get('Origin')) {
    // A preflight: granted for the reads only (an event stream resuming sends Last-Event-ID).
    if (!isCorsRead(asked.toUpperCase(), ctx.path)) return next();
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Access-Control-Allow-Methods', 'GET, HEAD');
    ctx.set('Access-Control-Allow-Headers', 'Last-Event-ID, Cache-Control');
    ctx.set('Access-Control-Max-Age', '600');
    ctx.status = 204;
    return;
  }
  if (isCorsRead(ctx.method, ctx.path)) ctx.set('Access-Control-Allow-Origin', '*');
  await next();
}
