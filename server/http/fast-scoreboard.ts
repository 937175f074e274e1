// A fast path ahead of Koa for the one request every phone makes after every bag: GET the
// scoreboard fragment. It answers only the plain case (our Host, a known game, no body) with the
// same headers Koa would send, from the per-version cache; anything else falls through to Koa,
// which answers it in full (403, 404, 413 …). The bench measured Koa's stack at about half the
// server's CPU for this request.
//
// Given the hub, the version is not read from the database while the game's topic has streams: the
// fragment last served is still current when it is the version the hub last gave those streams (the
// refresh that made the phone ask). A newer one, written here or by another instance, reaches the hub
// before any phone hears of it, and the next request then reads the database. The bench's HTMX run
// measured that read at about a quarter of this path's CPU.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maxId, type Hub } from '../hub/index.js';
import { gameTopic } from '../realtime.js';
import type { RenderedScoreboard, Scoreboards } from '../scoreboards.js';
import { MAX_BODY_BYTES } from './body.js';
import { hostName } from './guard.js';
import { SECURITY_HEADERS } from './headers.js';

const PATH = /^\/games\/([A-Za-z0-9_-]{1,64})\/scoreboard(?:\?.*)?$/;
const SECURITY = Object.entries(SECURITY_HEADERS).flat();

/** The heads of one rendered version, as flat name/value lists: built once, not per request. */
interface Heads {
  ok: string[];
  notModified: string[];
}
const headsOf = new WeakMap<RenderedScoreboard, Heads>();

function heads(hit: RenderedScoreboard): Heads {
  let h = headsOf.get(hit);
  if (!h) {
    const common = [...SECURITY, 'Cache-Control', 'no-cache', 'ETag', hit.etag];
    h = {
      ok: [...common, 'Content-Type', 'text/html; charset=utf-8', 'Content-Length', String(hit.body.length)],
      // A 304 carries no Content-Type, as Koa strips it from answers without a body.
      notModified: common,
    };
    headsOf.set(hit, h);
  }
  return h;
}

export interface FastScoreboardDeps {
  scoreboards: Pick<Scoreboards, 'get'>;
  allowedHost: (name: string) => boolean;
  hub?: Pick<Hub, 'latest'>;
}

export function fastScoreboard(opts: FastScoreboardDeps) {
  /** The fragment last served per game, reused while the hub's streams are at its version. */
  const served = new Map<string, RenderedScoreboard>();
  const current = (id: string): RenderedScoreboard | null => {
    const last = opts.hub ? served.get(id) : undefined;
    if (last) {
      const latest = opts.hub!.latest(gameTopic(id));
      if (latest !== null && maxId(latest) === last.version) return last;
    }
    const hit = opts.scoreboards.get(id);
    if (!opts.hub) return hit;
    if (hit) served.set(id, hit);
    else served.delete(id);
    return hit;
  };
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const match = PATH.exec(req.url ?? '');
    if (!match) return false;
    const host = hostName(req.headers.host ?? '');
    if (!host || !opts.allowedHost(host)) return false;
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES || req.headers['transfer-encoding'])
      return false;
    const hit = current(match[1]!);
    if (!hit) return false;
    if (req.headers['if-none-match'] === hit.etag) {
      res.writeHead(304, heads(hit).notModified);
      res.end();
      return true;
    }
    res.writeHead(200, heads(hit).ok);
    res.end(req.method === 'HEAD' ? undefined : hit.body);
    return true;
  };
}
