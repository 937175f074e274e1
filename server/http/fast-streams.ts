// A fast path ahead of Koa for the request every phone makes when it comes back: open a game's stream.
// When the venue's access point reboots, thousands arrive within a second, each with Last-Event-ID;
// the bench's reconnect storm measured Koa's stack and the database read at about half of what a
// resume cost. This path answers only the plain case (GET from a page or EventSource, our Host, no
// body, no PIN, a known game) exactly as the stream route would: the same head, the same catch-up,
// the same 503 when a cap refuses. Anything else falls through to Koa, which answers it in full.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GameState } from '../domain/index.js';
import { maxId, type GameTopic, type Hub, type TopicEvent } from '../hub/index.js';
import { catchUp, gameEvents, gameTopic, streamPosition } from '../realtime.js';
import { hostName } from './guard.js';
import { SECURITY_HEADERS } from './headers.js';

const PATH = /^\/games\/([A-Za-z0-9_-]{1,64})\/events(?:\?(.*))?$/;
const SECURITY = Object.entries(SECURITY_HEADERS);
type GameSse = TopicEvent<GameTopic>;

export interface FastStreamDeps {
  hub: Pick<Hub, 'open' | 'latest'>;
  games: { get(id: string): GameState | null };
  allowedHost: (name: string) => boolean;
  /** A relay: a phone ahead of it waits for what follows (server/routes/streams.ts, waitsAhead). */
  waitsAhead?: boolean;
}

/** The position a client gives (Last-Event-ID, else a single ?since), as the stream route reads it. */
function positionOf(req: IncomingMessage, query: string | undefined): number | null {
  const lastEventId = req.headers['last-event-id'];
  if (typeof lastEventId === 'string' && lastEventId) return streamPosition(lastEventId, undefined);
  if (!query) return null;
  // Koa's ctx.query: a key given twice is a list, which the route ignores.
  const since = new URLSearchParams(query).getAll('since');
  return streamPosition(undefined, since.length === 1 ? since[0] : undefined);
}

/**
 * The game's current version and its events: what the topic's streams were last given, while it has
 * any (a resume then costs no database read; a newer version on its way reaches the stream as it
 * reaches the others), else read from the database. Null for a game that does not exist.
 */
function currentOf(deps: FastStreamDeps, id: string): { version: number; events: GameSse[] } | null {
  const latest = deps.hub.latest(gameTopic(id));
  if (latest !== null && latest.length > 0) {
    return { version: maxId(latest), events: latest as GameSse[] };
  }
  const state = deps.games.get(id);
  return state ? { version: state.version, events: gameEvents(state) } : null;
}

/** What Koa's error middleware answers a stream refused by a cap: JSON, Retry-After, the usual headers. */
function refuse(res: ServerResponse, error: string, retryAfter: number): void {
  const body = JSON.stringify({ error, code: 'busy' });
  // The security headers are on `res` already.
  res.writeHead(503, [
    'Retry-After',
    String(retryAfter),
    'Content-Type',
    'application/json; charset=utf-8',
    'Content-Length',
    String(Buffer.byteLength(body)),
  ]);
  res.end(body);
}

export function fastStream(deps: FastStreamDeps) {
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET') return false;
    const match = PATH.exec(req.url ?? '');
    if (!match) return false;
    const h = req.headers;
    // A stream client (EventSource, htmx's hx-sse) asks for text/event-stream: Koa would answer its
    // refusal in JSON, as this path does. A PIN is checked by Koa's guard; a body is never expected.
    if (!h.accept?.includes('event-stream') || h.authorization !== undefined) return false;
    if (h['transfer-encoding'] !== undefined || Number(h['content-length'] ?? 0) > 0) return false;
    const host = hostName(h.host ?? '');
    if (!host || !deps.allowedHost(host)) return false;
    const id = match[1]!;
    const current = currentOf(deps, id);
    if (!current) return false;
    const { version, events } = current;
    const position = positionOf(req, match[2]);
    const ahead = deps.waitsAhead === true && position !== null && position > version;
    for (const [name, value] of SECURITY) res.setHeader(name, value);
    // A game's stream is one of the reads other sites may make (server/http/cors.ts).
    res.setHeader('Access-Control-Allow-Origin', '*');
    const result = ahead
      ? deps.hub.open(gameTopic(id), req, res, [], position)
      : deps.hub.open(gameTopic(id), req, res, catchUp(version, position, events), version, events);
    if (!result.ok) refuse(res, result.error, result.retryAfter);
    return true;
  };
}
