// The first check of every request (CONTRACT.md's order): too many open connections (503) or too
// many requests (429) from one address, both with Retry-After, before Koa or the scoreboard's fast
// path sees anything. Also the HTTP server's timeouts, so a slow or silent client lets go.
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { ServerSettings } from '../config.js';
import { clientOfSettings } from './client-address.js';
import { answer, guardConnections, systemOpenFilesLimit, type ConnectionStats } from './connections.js';
import { requestRate } from './rate.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FrontDoor {
  stats(): ConnectionStats;
  close(): void;
}

/**
 * The listen queue to ask for (`server.listen({ port, host, backlog })`): connections the kernel has
 * completed and the server has not yet taken. When a venue's access point comes back, thousands of
 * phones reconnect within a second; Node's default queue of 511 then overflows, and every handshake
 * the kernel drops waits a second or more for its retransmission. The bench's reconnect storm of
 * 5,000 streams overflowed it thousands of times. The kernel caps the value at net.core.somaxconn
 * (4096 on current Linux, 128 on old kernels; macOS and Windows have their own caps).
 */
export const LISTEN_BACKLOG = 65_535;

/** Timeouts for `createServer`: headers, the whole request, idle keep-alive. */
export function httpOptions(s: ServerSettings): ServerOptions {
  return {
    headersTimeout: s.headersTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    keepAliveTimeout: s.keepAliveTimeoutMs,
    // How often Node looks for requests past those timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(5000, Math.max(250, Math.floor(s.headersTimeoutMs / 4))),
  };
}

/** Installs the caps on `server` and hands every admitted request to `handler`. */
export function frontDoor(server: Server, s: ServerSettings, handler: Handler): FrontDoor {
  // Who each request is from: the socket's peer, or behind a trusted proxy its X-Forwarded-For.
  const client = clientOfSettings(s);
  const gate = guardConnections(server, {
    maxPerAddress: s.maxConnectionsPerAddress,
    openFilesLimit: s.openFilesLimit ?? systemOpenFilesLimit(),
    reserve: s.openFilesReserve,
    client,
  });
  const rate = requestRate({ max: s.maxRequestsPerAddress, windowMs: s.requestWindowMs });
  const run = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      handler(req, res);
    } catch (err) {
      console.error(`BagTrax error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  };
  server.on('request', (req, res) => {
    if (!gate.admit(req, res)) return;
    const { address, local } = client(req);
    // This machine's own requests go straight on: no microtask, no count.
    if (local) return run(req, res);
    rate.wait(address).then(
      (wait) => {
        if (wait === 0) return run(req, res);
        answer(res, 429, wait, {
          error: `Too many requests from this device. Try again in ${wait} seconds.`,
          code: 'too_many_requests',
        });
      },
      (err: unknown) => {
        console.error(`BagTrax error: ${(err as Error)?.stack ?? String(err)}`);
        run(req, res);
      },
    );
  });
  return { stats: gate.stats, close: gate.close };
}
