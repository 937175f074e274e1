// The front door, in CONTRACT.md's order: foreign Host (403), oversized body (413), locked-out address
// (429), missing keeper access or wrong PIN (401), cookie write from a foreign Origin (403). What
// follows (organiser_required, 400 / 404 / 409) belongs to the routes.
import type { Context, Next } from 'koa';
import type { Keepers, Role, Session } from '../auth.js';
import { SESSION_COOKIE } from '../auth.js';
import type { Failure, PinLimiter } from '../auth/limiter.js';
import { checkDeclaredLength, hasBody, readRaw } from './body.js';
import { clientOf, type Client, type ClientOf } from './client-address.js';
import { HttpError } from './errors.js';

export interface Access {
  keeper: boolean;
  /** The organiser runs the venue: PINs, sign-outs, boards, removing games. */
  organiser: boolean;
  via: 'bearer' | 'cookie' | null;
  /** The session behind a cookie (its id is null for the host window), for logout and sign-outs. */
  session: Session | null;
}

const NO_ACCESS: Access = { keeper: false, organiser: false, via: null, session: null };

function accessOf(role: Role, via: 'bearer' | 'cookie', session: Access['session'] = null): Access {
  return { keeper: true, organiser: role === 'organiser', via, session };
}

declare module 'koa' {
  interface DefaultState {
    access: Access;
    /** Who the request is from (TRUST_PROXY decides whether X-Forwarded-For says it). */
    client: Client;
  }
}

// A Host is a name or address, then at most a numeric port; anything else (`a:1@b`, spaces) is no name
// of ours. IPv6 literals come in brackets; a bare one (`::1`) is accepted as a whole.
const HOST_HEADER = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]+))(?::\d{1,5})?$/;

/** The name in a Host header value without port or brackets, or '' when it is malformed. */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  const m = HOST_HEADER.exec(h);
  if (m) return m[1] ?? m[2] ?? '';
  return /^[0-9a-f:]+$/.test(h) && h.includes('::') ? h : '';
}

/** A write is anything but reading; the login form itself is where a PIN is checked, not required. */
function isWrite(ctx: Context): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(ctx.method);
}

function bearer(ctx: Context): string | null {
  const header = ctx.get('Authorization');
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return m ? m[1]!.trim() : null;
}

const socketClient = clientOf();

/** The client's address, as the guard read it (the wrong-PIN limiter's key of a device). */
export function clientAddress(ctx: Context): string {
  return (ctx.state.client ?? socketClient(ctx.req)).address || 'unknown';
}

export function tooManyWrongPins(wait: number, message?: string): HttpError {
  return new HttpError(
    429,
    'too_many_attempts',
    message ?? `Too many wrong PINs from this device. Try again in ${wait} seconds.`,
    {},
    { 'Retry-After': String(wait) },
  );
}

/** A wrong PIN's 401; when it has locked the device out, it says for how long. */
export function wrongPin(failure: Failure, message = 'That PIN is wrong.'): HttpError {
  if (failure.wait === 0) return new HttpError(401, 'wrong_pin', message);
  const why = failure.venueSlowed
    ? 'So many wrong PINs are coming in at this venue that this device'
    : 'After so many wrong PINs this device';
  return new HttpError(
    401,
    'wrong_pin',
    `${message} ${why} must wait ${failure.wait} seconds before its next try.`,
    {},
    { 'Retry-After': String(failure.wait) },
  );
}

/** Pages and forms that are the keepers' and the organiser's: a relay has none of them. */
const KEEPER_PATH = /^\/(?:keep|host|keeper)(?:\/|$)/;

/** On a relay, what would change something or sign someone in (CONTRACT.md "Relays"). */
function isReadOnlyRefusal(ctx: Context): boolean {
  return isWrite(ctx) || KEEPER_PATH.test(ctx.path);
}

function readOnly(): HttpError {
  return new HttpError(
    405,
    'read_only',
    "This is a read-only copy of the venue's scoreboard: scores are kept on the venue's own BagTrax.",
    {},
    { Allow: 'GET, HEAD' },
  );
}

export function guard(opts: {
  /** The primary's keepers and PIN limiter; null on a relay, where nobody signs in or writes. */
  access: { keepers: Keepers; limiter: PinLimiter } | null;
  allowedHost: (name: string) => boolean;
  /** Who a request is from (the server's TRUST_PROXY); the socket's peer when absent. */
  clientOf?: ClientOf;
}) {
  const client = opts.clientOf ?? socketClient;
  return async function guardMiddleware(ctx: Context, next: Next): Promise<void> {
    ctx.state.client = client(ctx.req);
    const host = hostName(ctx.get('Host'));
    if (!host || !opts.allowedHost(host)) {
      const shown = host || ctx.get('Host').trim().slice(0, 100);
      throw new HttpError(403, 'foreign_host', `This server does not answer to the name "${shown}".`);
    }
    checkDeclaredLength(ctx);
    // A chunked body declares no length: read it (64 KiB at most) before any PIN is looked at.
    if (hasBody(ctx)) await readRaw(ctx);
    if (opts.access === null) {
      if (isReadOnlyRefusal(ctx)) throw readOnly();
      ctx.state.access = NO_ACCESS;
      return next();
    }
    const { keepers, limiter } = opts.access;

    const address = clientAddress(ctx);
    const pin = bearer(ctx);
    const isLogin = ctx.path === '/keeper/login' && ctx.method === 'POST';
    const standing = pin !== null || isLogin ? await limiter.check(address) : null;
    if (standing && standing.wait > 0) throw tooManyWrongPins(standing.wait);

    let access = NO_ACCESS;
    if (pin !== null) {
      const role = keepers.roleOf(pin);
      if (!role) throw wrongPin(await limiter.failed(address));
      await limiter.succeeded(address, standing!);
      access = accessOf(role, 'bearer');
    } else {
      const session = keepers.session(ctx.cookies.get(SESSION_COOKIE));
      if (session) access = accessOf(session.role, 'cookie', session);
    }
    ctx.state.access = access;

    if (isWrite(ctx) && !isLogin && ctx.path !== '/keeper/logout') {
      if (!access.keeper) {
        throw new HttpError(401, 'keeper_required', 'Recording scores needs the keeper PIN.');
      }
      if (access.via === 'cookie') checkOrigin(ctx);
    } else if (isWrite(ctx)) {
      checkOrigin(ctx);
    }
    await next();
  };
}

/** A cookie can ride along on a request another page makes; only our own pages may use it to write. */
function checkOrigin(ctx: Context): void {
  const origin = ctx.get('Origin');
  if (!origin)
    throw new HttpError(403, 'origin_required', 'This write came without an Origin; reload the page.');
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw new HttpError(403, 'foreign_origin', 'This write came from another site and was refused.');
  }
  if (originHost !== ctx.get('Host').toLowerCase()) {
    throw new HttpError(403, 'foreign_origin', 'This write came from another site and was refused.');
  }
}
