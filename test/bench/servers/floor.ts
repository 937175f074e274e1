// The floor: a plain `node:http` server doing the least work Node allows for the routes the bench
// drives, so every BagTrax figure can also be read as a ratio to what Node itself does on that core.
// Per version one buffer holds both events, the stream head with them, and the fragment with its
// Content-Length and ETag; a stream is one socket write when it opens (the current pair at once for a
// client behind) and one per publish. No framework, no database, no security headers.
// The game rules are BagTrax's own (MemoryGames), as the reference servers use them.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { BagResult, GameState, Side } from '../../../server/domain/index.js';
import { BENCH_PIN } from '../plan.js';
import { benchServer, type Started } from './harness.js';
import { MemoryGames, readJson } from './memory-games.js';

/** What a client may have queued before it is cut off (BagTrax's default bound). */
const MAX_QUEUED = 256 * 1024;
const AUTH = `Bearer ${BENCH_PIN}`;
/**
 * The listen queue Node is asked for: the kernel caps it at net.core.somaxconn (4096 on the bench's
 * machine), against Node's default of 511. A storm of phones connecting at once overflows a short
 * queue, and each dropped handshake waits a second for its retransmission.
 */
const BACKLOG = 65_535;
const HEARTBEAT = Buffer.from(':\n\n');
const STREAM_HEAD =
  'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n' +
  'Connection: close\r\n\r\nretry: 2000\n\n';
const EVENTS = /^\/games\/([A-Za-z0-9_-]{1,64})\/events(?:\?since=(\d+))?$/;
const SCOREBOARD = /^\/games\/([A-Za-z0-9_-]{1,64})\/scoreboard$/;
const THROWS = /^\/api\/games\/([A-Za-z0-9_-]{1,64})\/throws$/;

/** One version of a game, every byte it sends built once. */
interface Version {
  version: number;
  /** `refresh-scoreboard` then `state`, as one SSE chunk. */
  pair: Buffer;
  /** The stream's head followed by the pair: what a client behind is sent when it opens. */
  headAndPair: Buffer;
  /** The fragment, rendered on its first request. */
  fragment: { body: Buffer; etag: string; head: string[] } | null;
}
interface Live {
  id: string;
  games: MemoryGames;
  current: Version;
  streams: Set<Socket>;
}

const HEAD_ONLY = Buffer.from(STREAM_HEAD);
const ignore = (): void => undefined;

function versionOf(games: MemoryGames, state: GameState): Version {
  const v = state.version;
  const live = JSON.stringify(games.live(state));
  const pair = Buffer.from(
    `id: ${v}\nevent: refresh-scoreboard\ndata: changed\n\nid: ${v}\nevent: state\ndata: ${live}\n\n`,
  );
  return { version: v, pair, headAndPair: Buffer.concat([HEAD_ONLY, pair]), fragment: null };
}

/** Listens on 127.0.0.1 (a free port). Exported so a profiling script can run it in its own process. */
export async function startFloor(): Promise<Started> {
  const games = new MemoryGames();
  const live = new Map<string, Live>();
  /** Which game each open stream follows: one shared close listener for every socket. */
  const following = new Map<Socket, Set<Socket>>();

  function onStreamClose(this: Socket): void {
    following.get(this)?.delete(this);
    following.delete(this);
  }

  function fanOut(game: Live, buf: Buffer): void {
    for (const socket of game.streams) {
      socket.write(buf);
      if (socket.writableLength > MAX_QUEUED) socket.destroy();
    }
  }

  function json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, [
      'Content-Type',
      'application/json',
      'Content-Length',
      String(Buffer.byteLength(text)),
    ]);
    res.end(text);
  }

  function stream(req: IncomingMessage, res: ServerResponse, game: Live, since: string | undefined): void {
    const raw = req.headers['last-event-id'] ?? since;
    const position = raw === undefined ? null : Number(raw);
    const socket = req.socket;
    // The head and, for a client not at the current version, the current pair: one write.
    socket.write(position === game.current.version ? HEAD_ONLY : game.current.headAndPair);
    game.streams.add(socket);
    following.set(socket, game.streams);
    socket.once('close', onStreamClose);
    // The response object is never used again: the body lasts as long as the connection.
    res.on('error', ignore);
  }

  function render(game: Live): NonNullable<Version['fragment']> {
    const body = Buffer.from(game.games.scoreboardHtml(game.games.get(game.id)!));
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const head = ['Content-Type', 'text/html; charset=utf-8', 'Content-Length', String(body.length)];
    return { body, etag, head: [...head, 'ETag', etag, 'Cache-Control', 'no-cache'] };
  }

  function scoreboard(req: IncomingMessage, res: ServerResponse, game: Live): void {
    const v = game.current;
    const f = (v.fragment ??= render(game));
    if (req.headers['if-none-match'] === f.etag) {
      res.writeHead(304, ['ETag', f.etag, 'Cache-Control', 'no-cache']);
      res.end();
      return;
    }
    res.writeHead(200, f.head);
    res.end(f.body);
  }

  async function write(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const game = live.get(id);
    if (!game) return json(res, 404, { error: 'No such game', code: 'not_found' });
    const body = (await readJson(req)) as { side: Side; result: BagResult };
    const state = game.games.throwBag(id, body.side, body.result);
    if (typeof state === 'string') return json(res, 409, { error: state, code: 'refused' });
    game.current = versionOf(game.games, state);
    json(res, 200, state);
    fanOut(game, game.current.pair);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '';
    if (req.method === 'GET') {
      let m = EVENTS.exec(url);
      const events = m ? live.get(m[1]!) : undefined;
      if (m && events) return stream(req, res, events, m[2]);
      m = SCOREBOARD.exec(url);
      const board = m ? live.get(m[1]!) : undefined;
      if (board) return scoreboard(req, res, board);
      return json(res, 404, { error: 'Not found', code: 'not_found' });
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'Method not allowed', code: 'method' });
    if (req.headers.authorization !== AUTH) return json(res, 401, { error: 'PIN needed', code: 'pin' });
    const m = THROWS.exec(url);
    if (m) return write(req, res, m[1]!);
    if (url === '/api/games') {
      const body = (await readJson(req)) as { home: { name: string }; away: { name: string } };
      const state = games.create(body.home.name, body.away.name);
      live.set(state.id, { id: state.id, games, current: versionOf(games, state), streams: new Set() });
      return json(res, 201, state);
    }
    return json(res, 404, { error: 'Not found', code: 'not_found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  const heartbeat = setInterval(() => {
    for (const game of live.values()) fanOut(game, HEARTBEAT);
  }, 15_000);
  server.listen({ port: 0, host: '127.0.0.1', backlog: BACKLOG });
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      clearInterval(heartbeat);
      server.closeAllConnections();
      for (const socket of following.keys()) socket.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

benchServer(startFloor);
