// No one device can take the venue down: every HTTP connection (not only streams) is counted per
// client address and capped, and a reserve of open files is kept. When the process nears its
// open-file limit, the newest connections of the address holding the most are closed to make room,
// so a keeper's phone can always connect. This machine's own 127.0.0.1 and ::1 are never capped or
// shed (the host window, local tools); any other address, 127.0.0.2 included, counts as a client.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { limitKey } from '../auth.js';
import { normalizeAddress } from '../hub/address.js';
import { isThisMachine, type ClientOf } from './client-address.js';

export { isThisMachine };

export interface ConnectionLimits {
  /** Open connections one address may hold; more are answered 503 with Retry-After and closed. */
  maxPerAddress: number;
  /** The process's open-file limit, or null when there is none to keep a reserve under. */
  openFilesLimit: number | null;
  /** Files kept free below the limit. */
  reserve: number;
  isExempt?: (address: string) => boolean;
  /**
   * Who a request is from. The connections of a reverse proxy it trusts (TRUST_PROXY) carry many
   * clients': each is counted, while one of its requests runs, against the client of that request.
   */
  client?: ClientOf;
  /** The process's open files now (null where the platform cannot tell); injectable for tests. */
  countOpenFiles?: () => number | null;
}

export interface ConnectionStats {
  /** Connections open now. */
  open: number;
  /** Open files, estimated from the last count plus the connections since. */
  openFiles: number | null;
  openFilesLimit: number | null;
  /** Connections turned away by the per-address cap. */
  refused: number;
  /** Connections closed to keep the reserve. */
  shed: number;
  /** The most connections any one capped address holds. */
  busiest: number;
}

export interface ConnectionGate {
  /** False when the request came on a refused connection: it has been answered 503 and closes. */
  admit(req: IncomingMessage, res: ServerResponse): boolean;
  stats(): ConnectionStats;
  close(): void;
}

interface Entry {
  key: string;
  exempt: boolean;
  refused: boolean;
  timer?: NodeJS.Timeout;
  /** A trusted proxy's connection: its own key while idle, its current request's client's while busy. */
  proxy?: { key: string; request: IncomingMessage | null };
}

/** Seconds a refused device is asked to wait. */
export const CONNECTION_RETRY_AFTER = 5;
/** A refused connection that sends no request is closed after this long. */
const REFUSED_LINGER_MS = 2000;
/** Files never to be used even for this machine's own connections (the database, Redis, logs). */
const LAST_FILES = 16;
const RECOUNT_MS = 1000;

export function guardConnections(server: Server, limits: ConnectionLimits): ConnectionGate {
  const isExempt = limits.isExempt ?? isThisMachine;
  const client = limits.client?.trust.none === false ? limits.client : undefined;
  const trust = client?.trust;
  const countOpenFiles = limits.countOpenFiles ?? countProcessFiles;
  const limit = limits.openFilesLimit;
  const entries = new Map<Socket, Entry>();
  const byKey = new Map<string, Set<Socket>>();
  /** Refused connections waiting for their request (to answer it 503) or for their linger to end. */
  const turnedAway = new Set<Socket>();
  let refused = 0;
  let shed = 0;
  // Files that are not our connections (database, stdio, Redis, the listener): recounted now and then.
  let others = 0;
  const recount = (): void => {
    const n = countOpenFiles();
    if (n !== null) others = Math.max(0, n - entries.size);
  };
  recount();
  let lastCount = Date.now();
  const timer = setInterval(() => {
    // Near the limit every second; far from it, every ten.
    if (limit !== null && (others + entries.size) * 2 > limit) recount();
    else if (Date.now() - lastCount > 10 * RECOUNT_MS) recount();
    else return;
    lastCount = Date.now();
  }, RECOUNT_MS);
  timer.unref();

  const openFiles = () => others + entries.size;
  const pressed = () => limit !== null && openFiles() >= limit - limits.reserve;

  function unkey(socket: Socket, key: string): void {
    const set = byKey.get(key);
    if (set?.delete(socket) && set.size === 0) byKey.delete(key);
  }

  function enkey(socket: Socket, key: string): void {
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    set.add(socket);
  }

  function forget(socket: Socket): void {
    const e = entries.get(socket);
    if (!e) return;
    entries.delete(socket);
    turnedAway.delete(socket);
    if (e.timer) clearTimeout(e.timer);
    unkey(socket, e.key);
  }

  /** A proxy's connection now carries a request of `key`'s client, counted against it until it ends. */
  function attribute(socket: Socket, e: Entry, req: IncomingMessage, res: ServerResponse, key: string): void {
    unkey(socket, e.key);
    e.key = key;
    e.exempt = false;
    e.proxy!.request = req;
    enkey(socket, key);
    // The response's end (or the connection's), not the request's: a stream runs long after its GET.
    res.once('close', () => {
      if (e.proxy!.request !== req || entries.get(socket) !== e) return;
      unkey(socket, e.key);
      e.key = e.proxy!.key;
      e.exempt = true;
      e.proxy!.request = null;
      enkey(socket, e.key);
    });
  }

  /** Closes at once with a reset: no lingering state, no TIME_WAIT on a flood's ports. */
  function drop(socket: Socket): void {
    forget(socket);
    socket.resetAndDestroy();
  }

  function busiest(): { key: string; sockets: Set<Socket> } | null {
    let top: { key: string; sockets: Set<Socket> } | null = null;
    for (const [key, sockets] of byKey) {
      if (entries.get(first(sockets))?.exempt) continue;
      if (!top || sockets.size > top.sockets.size) top = { key, sockets };
    }
    return top;
  }

  /** Near the limit: refused connections go first, then the busiest address's newest ones. */
  function makeRoom(key: string, exempt: boolean): boolean {
    for (const socket of [...turnedAway]) drop(socket);
    if (!pressed()) return true;
    const top = busiest();
    const mine = byKey.get(key)?.size ?? 0;
    if (top && top.key !== key && (exempt || mine + 1 < top.sockets.size)) {
      drop(last(top.sockets));
      shed++;
      return true;
    }
    // Nobody heavier to take from: this machine's own connections still go in while files last.
    return exempt && limit !== null && openFiles() < limit - LAST_FILES;
  }

  function onConnection(socket: Socket): void {
    const address = normalizeAddress(socket.remoteAddress);
    // A proxy's connection is nobody's until a request says whose it is (admit).
    const proxy = trust?.trusts(address) ? { key: `proxy ${address}`, request: null } : undefined;
    const exempt = proxy !== undefined || isExempt(address);
    const key = proxy?.key ?? (exempt ? address : limitKey(address));
    if (pressed() && !makeRoom(key, exempt)) {
      shed++;
      socket.resetAndDestroy();
      return;
    }
    const held = byKey.get(key)?.size ?? 0;
    const entry: Entry = { key, exempt, refused: !exempt && held >= limits.maxPerAddress, proxy };
    entries.set(socket, entry);
    socket.once('close', () => forget(socket));
    if (entry.refused) {
      refused++;
      turnedAway.add(socket);
      // Answered 503 when its request comes (admit); closed if it never sends one.
      entry.timer = setTimeout(() => drop(socket), REFUSED_LINGER_MS);
      entry.timer.unref();
      return;
    }
    enkey(socket, key);
  }
  server.on('connection', onConnection);

  const refuse = (res: ServerResponse): false => {
    answer(res, 503, CONNECTION_RETRY_AFTER, {
      error: `Too many open connections from this device. Try again in ${CONNECTION_RETRY_AFTER} seconds.`,
      code: 'too_many_connections',
    });
    return false;
  };

  return {
    admit(req, res) {
      const e = entries.get(req.socket);
      if (e?.refused) return refuse(res);
      if (!e?.proxy || !client) return true;
      const who = client(req);
      if (who.local) return true;
      const key = limitKey(who.address);
      const held = byKey.get(key);
      if ((held?.size ?? 0) - (held?.has(req.socket) ? 1 : 0) >= limits.maxPerAddress) {
        refused++;
        return refuse(res);
      }
      attribute(req.socket, e, req, res, key);
      return true;
    },
    stats() {
      const top = busiest();
      return {
        open: entries.size,
        openFiles: limit === null ? null : openFiles(),
        openFilesLimit: limit,
        refused,
        shed,
        busiest: top?.sockets.size ?? 0,
      };
    },
    close() {
      clearInterval(timer);
      server.off('connection', onConnection);
    },
  };
}

/** A JSON refusal that closes its connection (CONTRACT.md: 503 or 429 with Retry-After). */
export function answer(
  res: ServerResponse,
  status: number,
  retryAfter: number,
  body: { error: string; code: string },
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Retry-After': String(retryAfter),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  res.end(text);
}

function first<T>(set: Set<T>): T {
  return set.values().next().value as T;
}

function last<T>(set: Set<T>): T {
  let item: T | undefined;
  for (item of set);
  return item as T;
}

/** Open files of this process where the platform lists them (/proc/self/fd on Linux, /dev/fd on macOS). */
function countProcessFiles(): number | null {
  for (const dir of ['/proc/self/fd', '/dev/fd']) {
    try {
      // The listing holds one descriptor of its own while it reads.
      return readdirSync(dir).length - 1;
    } catch {
      // not this platform
    }
  }
  return null;
}

/** The soft limit on open files, or null where there is none to read (Windows). */
export function systemOpenFilesLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft) return /^\d+$/.test(soft) ? Number(soft) : null;
  } catch {
    // not Linux
  }
  if (process.platform === 'win32') return null;
  // A child shell inherits this process's limit (Node raised its soft limit at start).
  const out = spawnSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8', timeout: 2000 });
  const text = (out.stdout ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}
